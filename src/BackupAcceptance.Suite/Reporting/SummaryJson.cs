using System.Text.Json;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>Writes summary.json beside summary.txt, from the same outcomes: what monitoring needs, in one file a
/// program reads without parsing the console text.</summary>
public static class SummaryJson
{
    public const string FileName = "summary.json";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static SummaryDocument Document(IReadOnlyList<ScenarioOutcome> outcomes, DateTimeOffset started, DateTimeOffset finished,
        string host, int amrecoverStarts, string? interrupted, string? part)
    {
        var failed = outcomes.Count(o => o.Verdict == ScenarioVerdict.Failed);
        var broken = outcomes.Count(o => o.Verdict == ScenarioVerdict.Broken);
        return new SummaryDocument(SummaryDocument.CurrentSchema, started.ToUniversalTime(), finished.ToUniversalTime(), host, part,
            interrupted, amrecoverStarts, new SummaryCounts(outcomes.Count - failed - broken, failed, broken), [.. outcomes.Select(Scenario)]);
    }

    /// <returns>The file written.</returns>
    public static string Write(string directory, SummaryDocument document)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(document, Options) + "\n");
        return path;
    }

    private static SummaryScenario Scenario(ScenarioOutcome outcome)
    {
        var target = outcome.Target;
        return new SummaryScenario(outcome.Feature, outcome.Scenario, Word(outcome.Verdict), outcome.Category, outcome.Reason,
            target?.Config, target is { IsEstate: false } ? target.Host : null, target is { IsEstate: false } ? target.Disk : null,
            outcome.DumpDate, outcome.Tags, Math.Round(outcome.Duration.TotalSeconds, 3),
            [.. outcome.Disks.Select(d => new SummaryDisk(d.Target.Config, d.Target.Host, d.Target.Disk, d.Dump?.ToString(), d.Files,
                d.DumpAge is { } age ? Math.Round(age.TotalSeconds) : null, d.Restore is { } restore ? Math.Round(restore.TotalSeconds, 1) : null))]);
    }

    private static string Word(ScenarioVerdict verdict) => verdict switch
    {
        ScenarioVerdict.Passed => "passed",
        ScenarioVerdict.Failed => "failed",
        _ => "broken",
    };
}
