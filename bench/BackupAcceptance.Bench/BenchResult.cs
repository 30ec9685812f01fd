namespace BackupAcceptance.Bench;

/// <summary>One way of walking one disk, measured: what it counted and what it cost.</summary>
/// <param name="Extrapolated">The time is scaled up from a part of the disk (see <see cref="Way"/>).</param>
public sealed record BenchResult(
    string Way,
    TimeSpan Wall,
    bool Extrapolated,
    int AmrecoverProcesses,
    long Commands,
    long AmrecoverPeakKiB,
    int? Files,
    int? Directories);
