namespace BackupAcceptance.Suite.Reporting;

/// <summary>summary.json: the run's summary for machines (src/BackupAcceptance.Outputs reads it for Prometheus, Nagios
/// and JUnit; docs/monitoring.md describes every field). A field's meaning never changes within a schema version.</summary>
public sealed record SummaryDocument(
    int SchemaVersion,
    DateTimeOffset StartedUtc,
    DateTimeOffset FinishedUtc,
    string Host,
    string? Part,
    string? Interrupted,
    int AmrecoverStarts,
    SummaryCounts Counts,
    IReadOnlyList<SummaryScenario> Scenarios)
{
    public const int CurrentSchema = 1;
}

public sealed record SummaryCounts(int Passed, int Failed, int Broken);

/// <param name="Verdict">passed, failed (a backup fault) or broken (the suite could not check).</param>
/// <param name="Reason">The first line of the failure message: the suite's own sentence, which never quotes restored data.</param>
public sealed record SummaryScenario(
    string Feature,
    string Name,
    string Verdict,
    string? Category,
    string Reason,
    string? Config,
    string? Host,
    string? Disk,
    string? DumpDate,
    IReadOnlyList<string> Tags,
    double Seconds,
    IReadOnlyList<SummaryDisk> Disks);

/// <param name="RestoreSeconds">The recovery time estimate of a full restore, where the scenario measured it.</param>
public sealed record SummaryDisk(string Config, string Host, string Disk, string? DumpDate, int? Files, double? DumpAgeSeconds, double? RestoreSeconds);
