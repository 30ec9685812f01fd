using System.Text;
using BackupAcceptance.Expectations.Settings;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// results/settings.txt: every setting this run had, its value and where it came from (the settings file and line, the
/// environment, or its default), so a result can be judged by what it ran with. A secret (<see cref="Setting.Secret"/>)
/// is written as set, never by value; the report's environment holds the same lines (AllureReport.Finish).
/// </summary>
public static class SettingsRecord
{
    public const string FileName = "settings.txt";

    public static string Render(RunSettings settings)
    {
        var text = new StringBuilder("# The settings of this run: key = value, and where each came from (docs/settings.md).\n");
        foreach (var (key, shown) in settings.Effective()) text.Append(key).Append(" = ").Append(shown).Append('\n');
        return text.ToString();
    }

    /// <returns>The file written.</returns>
    public static string Write(string resultsDirectory, RunSettings settings)
    {
        Directory.CreateDirectory(resultsDirectory);
        var path = Path.Combine(resultsDirectory, FileName);
        File.WriteAllText(path, Render(settings), new UTF8Encoding(false));
        return path;
    }

    /// <summary>The summary of a run its settings stopped before it began: one BROKEN line per bad setting, each an input
    /// error naming it, so run.sh prints the sentences and exits 2 (could not check), with no stack trace; and the same in
    /// summary.json, so monitoring's line (Nagios UNKNOWN) names the setting too.</summary>
    /// <returns>The summary.txt written.</returns>
    public static string WriteRefusal(string resultsDirectory, SettingsException refused)
    {
        var now = DateTimeOffset.UtcNow;
        var summary = new RunSummary();
        foreach (var problem in refused.Problems)
            summary.Record(new ScenarioOutcome("settings", problem.Split(':', 2)[0], ScenarioVerdict.Broken, $"Input error: {problem}") { Category = "Input error" });
        var written = summary.Write(resultsDirectory, 0);
        SummaryJson.Write(resultsDirectory, SummaryJson.Document(summary.Outcomes, now, now, Environment.MachineName, 0, null, null));
        return written;
    }
}
