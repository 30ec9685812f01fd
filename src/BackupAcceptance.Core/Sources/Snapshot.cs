namespace BackupAcceptance.Core.Sources;

/// <summary>One backup of a subject: the system's id for it, when it was taken (UTC), and the exclude patterns it was
/// taken with, as the system recorded them (none: everything below the path).</summary>
public sealed record Snapshot(string Id, DateTimeOffset Time)
{
    public IReadOnlyList<string> Excludes { get; init; } = [];

    /// <summary>How the system names it in a failure ("dump 2026-12-07-08-25-06"), when not as a snapshot.</summary>
    public string? Name { get; init; }

    /// <summary>What else the system says of it, for a sentence about its age ("level 1, ba-daily-03"), if anything.</summary>
    public string? Detail { get; init; }

    /// <summary>"snapshot 1a2b3c4d of 2026-12-07 08:25:06 UTC": how a failure names the backup it looked at.</summary>
    public override string ToString() => Name ?? $"snapshot {Id[..Math.Min(8, Id.Length)]} of {Time.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";
}
