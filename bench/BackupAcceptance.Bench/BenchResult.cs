namespace BackupAcceptance.Bench;

/// <summary>One way of walking one disk, measured: what it counted and what it cost.</summary>
/// <param name="Extrapolated">The time is scaled up from a part of the disk (see <see cref="Way"/>).</param>
/// <param name="PeakTotalKiB">Sampled peak of the bench process plus every amrecover (and its children) at once, PSS.</param>
/// <param name="PeakSelfKiB">Sampled peak of the bench process alone: the suite's own share.</param>
/// <param name="Cpu">CPU seconds spent by the bench process and by the processes below it that ended.</param>
public sealed record BenchResult(
    string Way,
    TimeSpan Wall,
    bool Extrapolated,
    int AmrecoverProcesses,
    long Commands,
    int? Files,
    int? Directories,
    long PeakTotalKiB = 0,
    long PeakSelfKiB = 0,
    CpuTime Cpu = default);
