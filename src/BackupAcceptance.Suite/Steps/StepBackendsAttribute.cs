namespace BackupAcceptance.Suite.Steps;

/// <summary>The backup systems a step answers for (docs/steps.md shows them). A step without it answers for Amanda
/// only; used on a restic repository it is an input error naming the step.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepBackendsAttribute(params Backend[] backends) : Attribute
{
    public IReadOnlyList<Backend> Backends { get; } = backends;

    public static string Describe(IReadOnlyList<Backend> backends) => string.Join(", ", backends.Select(b => b switch
    {
        Backend.Amanda => "Amanda",
        Backend.Restic => "restic",
        _ => throw new ArgumentOutOfRangeException(nameof(backends), b, null),
    }));
}

public enum Backend
{
    Amanda,
    Restic,
}
