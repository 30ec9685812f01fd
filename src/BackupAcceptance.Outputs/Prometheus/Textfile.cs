using System.Text;
using BackupAcceptance.Outputs.Summary;

namespace BackupAcceptance.Outputs.Prometheus;

/// <summary>
/// backup_acceptance.prom for node_exporter's textfile collector: one status series per scenario (1 passed, 0 a backup
/// fault or could not check, with its verdict and failure category as labels), one series per scenario and disk for
/// each fact the scenario measured (files, dump age, recovery time estimate), the counts by verdict, and when the run
/// ended: a nightly run that stops silently shows as an old timestamp.
/// </summary>
public static class Textfile
{
    public const string FileName = "backup_acceptance.prom";

    /// <param name="exitCode">run.sh's exit code, when known.</param>
    public static string Render(RunFile run, int? exitCode)
    {
        var text = new StringBuilder();
        var status = new List<string>();
        var files = new List<string>();
        var ages = new List<string>();
        var restores = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scenario in run.Scenarios)
        {
            // Two scenarios of one title in one feature (outline rows) would be one series twice: Prometheus refuses
            // the whole file then. The second gets its number.
            var name = scenario.Name;
            for (var n = 2; !seen.Add($"{scenario.Feature}\u0000{name}"); n++) name = $"{scenario.Name} #{n}";
            (string, string)[] who = [("feature", scenario.Feature), ("scenario", name)];
            status.Add($"backup_acceptance_scenario_status{Exposition.Labels([
                ("config", scenario.Config ?? ""), ("host", scenario.Host ?? ""), ("disk", scenario.Disk ?? ""), .. who,
                ("verdict", scenario.Verdict), ("category", scenario.Category ?? "")])} {(scenario.Verdict == ScenarioEntry.Passed ? 1 : 0)}");
            foreach (var disk in scenario.Disks ?? [])
            {
                var labels = Exposition.Labels([("config", disk.Config), ("host", disk.Host), ("disk", disk.Disk), .. who]);
                if (disk.Files is { } count) files.Add($"backup_acceptance_files{labels} {count}");
                if (disk.DumpAgeSeconds is { } age) ages.Add($"backup_acceptance_dump_age_seconds{labels} {Exposition.Value(age)}");
                if (disk.RestoreSeconds is { } restore) restores.Add($"backup_acceptance_recovery_seconds{labels} {Exposition.Value(restore)}");
            }
        }
        Family(text, "backup_acceptance_scenario_status",
            "1 when the scenario passed, 0 when it failed (verdict failed: a backup fault) or could not check (verdict broken); category names the failure.", status);
        Family(text, "backup_acceptance_files", "Files in the dump the scenario counted whole (directories never count).", files);
        Family(text, "backup_acceptance_dump_age_seconds", "Age of the newest dump the scenario looked at, when the run ended it.", ages);
        Family(text, "backup_acceptance_recovery_seconds", "Estimated seconds for a full restore of the disk (timed restores scaled by the chain's size).", restores);
        var counts = RunFiles.Count(run.Scenarios);
        Family(text, "backup_acceptance_scenarios", "Scenarios of the last run by verdict.",
            [.. new[] { (ScenarioEntry.Passed, counts.Passed), (ScenarioEntry.Failed, counts.Failed), (ScenarioEntry.Broken, counts.Broken) }
                .Select(c => $"backup_acceptance_scenarios{Exposition.Labels([("verdict", c.Item1)])} {c.Item2}")]);
        Family(text, "backup_acceptance_last_run_timestamp_seconds", "When the last run ended (Unix time).",
            [$"backup_acceptance_last_run_timestamp_seconds {Exposition.Value(run.FinishedUtc.ToUnixTimeMilliseconds() / 1000.0)}"]);
        Family(text, "backup_acceptance_last_run_duration_seconds", "How long the last run took.",
            [$"backup_acceptance_last_run_duration_seconds {Exposition.Value(Math.Max(0, (run.FinishedUtc - run.StartedUtc).TotalSeconds))}"]);
        Family(text, "backup_acceptance_last_run_interrupted", "1 when the last run was stopped before its end (its results are partial).",
            [$"backup_acceptance_last_run_interrupted {(run.Interrupted is null && exitCode != 130 ? 0 : 1)}"]);
        if (exitCode is { } code)
            Family(text, "backup_acceptance_last_run_exit_code", "run.sh's exit code: 0 all passed, 1 a backup fault, 2 could not check, 130 interrupted.",
                [$"backup_acceptance_last_run_exit_code {code}"]);
        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string help, IReadOnlyList<string> samples)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(Exposition.HelpText(help)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" gauge\n");
        foreach (var sample in samples) text.Append(sample).Append('\n');
    }
}
