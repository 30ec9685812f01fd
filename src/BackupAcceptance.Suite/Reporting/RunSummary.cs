using System.Collections.Concurrent;
using System.Text;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// The one-screen console summary: each scenario with its verdict (PASS, FAIL: a backup fault, BROKEN: not checked) and its reason (the first line of the failure).
/// Written to summary.txt in the results directory; run.sh prints it after the test run.
/// </summary>
public sealed class RunSummary
{
    private readonly ConcurrentQueue<ScenarioOutcome> _outcomes = new();

    public void Record(ScenarioOutcome outcome) => _outcomes.Enqueue(outcome);

    /// <summary>Every scenario's outcome, in the summary's order (feature, then scenario).</summary>
    public IReadOnlyList<ScenarioOutcome> Outcomes =>
        [.. _outcomes.OrderBy(o => o.Feature, StringComparer.Ordinal).ThenBy(o => o.Scenario, StringComparer.Ordinal)];

    /// <param name="walks">How each whole dump was counted: one line per walk, so the reader sees which numbers came
    /// from the index files and which from amrecover.</param>
    /// <param name="time">The run's wall time against its time waiting on amrecover: what the suite itself costs.</param>
    /// <param name="interrupted">Why the run stopped early (Ctrl-C, a signal, its time limit), or null.</param>
    /// <param name="part">The shard this run was (BACKUP_ACCEPTANCE_SHARD), or null for the whole run.</param>
    public string Render(int amrecoverStarts, IReadOnlyList<WalkNote>? walks = null, RunTime? time = null, string? interrupted = null,
        string? part = null)
    {
        var all = Outcomes;
        var text = new StringBuilder();
        foreach (var outcome in all)
        {
            text.Append(outcome.Verdict.Word()).Append(outcome.Verdict == ScenarioVerdict.Broken ? " " : "").Append(outcome.Feature).Append(" / ").Append(outcome.Scenario);
            text.AppendLine(outcome.Reason.Length > 0 ? $"\n        {outcome.Reason}" : "");
        }
        foreach (var walk in walks ?? []) text.AppendLine(walk.ToString());
        // run.sh reads this line for its exit code: 1 when a backup fault was found, 2 when only checks could not run.
        var failed = all.Count(o => o.Verdict == ScenarioVerdict.Failed);
        var broken = all.Count(o => o.Verdict == ScenarioVerdict.Broken);
        text.AppendLine($"{all.Count - failed - broken} passed, {failed} failed, {broken} broken; amrecover started {amrecoverStarts} time(s)");
        if (time is not null) text.AppendLine(time.ToString());
        // A part is never the whole: said here, so a stray BACKUP_ACCEPTANCE_SHARD cannot pass for a full run.
        if (part is not null) text.AppendLine($"PART: only {part} of the scenarios ran here; ./run.sh report merges the parts");
        // The list above is not what a whole run would have said: checks stopped, and later ones never ran to the end.
        if (interrupted is not null) text.AppendLine($"INTERRUPTED: the run was {interrupted}; the check in flight and every one after it ended as Interrupted");
        return text.ToString();
    }

    /// <returns>The file written.</returns>
    public string Write(string directory, int amrecoverStarts, IReadOnlyList<WalkNote>? walks = null, RunTime? time = null,
        string? interrupted = null, string? part = null)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "summary.txt");
        File.WriteAllText(path, Render(amrecoverStarts, walks, time, interrupted, part));
        return path;
    }
}
