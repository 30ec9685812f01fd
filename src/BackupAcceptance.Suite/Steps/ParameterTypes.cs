using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>
/// The Cucumber-expression parameter types of the backup vocabulary, so steps read as the domain speaks:
/// <c>{config} config for {host} {disk}</c>. A disk name with spaces is written in double quotes.
/// </summary>
[Binding]
public sealed class ParameterTypes
{
    [StepArgumentTransformation(@"([^\s""]+)", Name = "config")]
    public static AmandaConfig Config(string name) => new(name);

    [StepArgumentTransformation(@"([^\s""]+)", Name = "host")]
    public static AmandaHost Host(string name) => new(name);

    [StepArgumentTransformation(@"(""[^""]+""|[^\s""]+)", Name = "disk")]
    public static AmandaDisk Disk(string name) => new(name.Length > 1 && name[0] == '"' ? name[1..^1] : name);
}

public sealed record AmandaConfig(string Name);

public sealed record AmandaHost(string Name);

public sealed record AmandaDisk(string Name);
