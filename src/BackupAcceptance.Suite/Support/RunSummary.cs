using System.Collections.Concurrent;
using System.Text;

namespace BackupAcceptance.Suite.Support;

/// <summary>
/// The one-screen console summary: each scenario with pass/fail and its reason (the first line of the failure).
/// Written to summary.txt in the results directory; run.sh prints it after the test run.
/// </summary>
public static class RunSummary
{
    private static readonly ConcurrentQueue<ScenarioOutcome> Outcomes = new();

    public static void Record(ScenarioOutcome outcome) => Outcomes.Enqueue(outcome);

    public static string Render(int amrecoverStarts)
    {
        var all = Outcomes.OrderBy(o => o.Feature, StringComparer.Ordinal).ThenBy(o => o.Scenario, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        foreach (var outcome in all)
        {
            text.Append(outcome.Passed ? "PASS  " : "FAIL  ").Append(outcome.Feature).Append(" / ").Append(outcome.Scenario);
            text.AppendLine(outcome.Reason.Length > 0 ? $"\n        {outcome.Reason}" : "");
        }
        var failed = all.Count(o => !o.Passed);
        text.AppendLine($"{all.Count - failed} passed, {failed} failed; amrecover started {amrecoverStarts} time(s)");
        return text.ToString();
    }

    public static void Write(string directory, int amrecoverStarts)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "summary.txt"), Render(amrecoverStarts));
    }
}
