namespace BackupAcceptance.Outputs.Summary;

/// <summary>summary.json as the suite writes it (src/BackupAcceptance.Suite/Reporting/SummaryDocument.cs; a test
/// reads the suite's own output with this reader, so the two cannot drift apart unnoticed).</summary>
public sealed record RunFile(
    int SchemaVersion,
    DateTimeOffset StartedUtc,
    DateTimeOffset FinishedUtc,
    string Host,
    string? Part,
    string? Interrupted,
    int AmrecoverStarts,
    RunCounts Counts,
    IReadOnlyList<ScenarioEntry> Scenarios)
{
    /// <summary>The schema this program reads; another is refused rather than misread.</summary>
    public const int Schema = 1;
}

public sealed record RunCounts(int Passed, int Failed, int Broken)
{
    public int Total => Passed + Failed + Broken;
}

public sealed record ScenarioEntry(
    string Feature,
    string Name,
    string Verdict,
    string? Category,
    string Reason,
    string? Config,
    string? Host,
    string? Disk,
    string? DumpDate,
    IReadOnlyList<string>? Tags,
    double Seconds,
    IReadOnlyList<DiskEntry>? Disks)
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Broken = "broken";

    /// <summary>"ba-daily localhost:/etc", the suite's own notation; the configuration alone for an estate.</summary>
    public string Where => Config is null ? "" : Disk is null ? $"{Config} (every disk)" : $"{Config} {Host}:{Disk}";
}

public sealed record DiskEntry(string Config, string Host, string Disk, string? DumpDate, int? Files, double? DumpAgeSeconds, double? RestoreSeconds);
