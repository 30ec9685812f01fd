using BackupAcceptance.Amanda.Listing;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>
/// The Cucumber-expression parameter types of the backup vocabulary, so steps read as the domain speaks:
/// <c>{config}</c>, <c>{host}</c>, <c>{date}</c> (the <c>{disk}</c> type is with the step that names a disk, TargetSteps).
/// </summary>
[Binding]
public sealed class ParameterTypes
{
    [StepArgumentTransformation(@"([^\s""]+)", Name = "config")]
    public static AmandaConfig Config(string name) => new(name);

    [StepArgumentTransformation(@"([^\s""]+)", Name = "host")]
    public static AmandaHost Host(string name) => new(name);

    /// <summary>2026-11-26, 2026-11-26-20-09, or a dump date as amrecover prints it: 2026-11-26-20-09-55.</summary>
    [StepArgumentTransformation(@"(\d{4}-\d\d-\d\d(?:-\d\d-\d\d(?:-\d\d)?)?)", Name = "date")]
    public static DumpDate Date(string text) => DumpDate.Parse(text);
}

public sealed record AmandaConfig(string Name);

public sealed record AmandaHost(string Name);

