namespace BackupAcceptance.Amanda.Walking;

/// <summary>How much a sampled walk may spend: directories listed, wall-clock time, or both (whichever ends first).</summary>
public sealed record SampleBudget(int? MaxDirectories, TimeSpan? MaxDuration)
{
    public static SampleBudget Directories(int count) => new(count, null);

    public static SampleBudget Duration(TimeSpan duration) => new(null, duration);
}
