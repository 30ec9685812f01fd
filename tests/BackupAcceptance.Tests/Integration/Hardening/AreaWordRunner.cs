using System.Diagnostics;
using BackupAcceptance.Tests.Support;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Tests.Integration.Hardening;

/// <summary>What one ./run.sh left: its exit code, its console, its summary, how long it took.</summary>
internal sealed record FrontDoorRun(int ExitCode, string Console, string Summary, TimeSpan Took)
{
    /// <summary>The summary's block for a scenario: its verdict line and its reason.</summary>
    public string Block(string scenario)
    {
        var lines = Summary.Split('\n');
        var at = Array.FindIndex(lines, l => l.EndsWith($"/ {scenario}", StringComparison.Ordinal) || l.EndsWith(scenario, StringComparison.Ordinal));
        if (at < 0) throw new InvalidOperationException($"No scenario '{scenario}' in the summary:\n{Summary}\n{Console}");
        return string.Join('\n', lines.Skip(at).TakeWhile((l, i) => i == 0 || l.StartsWith("        ", StringComparison.Ordinal)));
    }
}

/// <summary>Runs ./run.sh as cron does, on one feature file of the test's, with the results in the test's own folder and
/// a mark in the environment of everything it starts (to find what it left running).</summary>
internal static class AreaWordRunner
{
    public static async Task<FrontDoorRun> RunAsync(string work, string feature, IReadOnlyDictionary<string, string> environment, string mark)
    {
        var file = Path.Combine(work, "check.feature");
        await File.WriteAllTextAsync(file, feature);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var clock = Stopwatch.StartNew();
        var result = await Cli.Wrap(Path.Combine(Repository.Root, "run.sh")).WithArguments(["--features", file, "--quiet", .. RunScript.Prebuilt])
            .WithEnvironmentVariables(env => env
                .Set("BACKUP_ACCEPTANCE_RESULTS", Path.Combine(work, "results"))
                .Set("BACKUP_ACCEPTANCE_ALLURE_HISTORY", Path.Combine(work, "history.jsonl"))
                .Set("BACKUP_ACCEPTANCE_TEST_MARK", mark)
                .Set(environment.ToDictionary(p => p.Key, p => (string?)p.Value)))
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);
        var took = clock.Elapsed;
        var summaryFile = Path.Combine(work, "results", "summary.txt");
        var summary = File.Exists(summaryFile) ? await File.ReadAllTextAsync(summaryFile) : "";
        return new FrontDoorRun(result.ExitCode, result.StandardOutput + result.StandardError, summary, took);
    }

    /// <summary>Processes still alive (zombies aside) that carry the run's mark: none may outlive it.</summary>
    public static async Task<IReadOnlyList<string>> LeftRunningAsync(string mark)
    {
        IReadOnlyList<int> marked = [];
        for (var i = 0; i < 50; i++)
        {
            marked = [.. ProcessTable.All().Where(pid => pid != Environment.ProcessId && ProcessTable.IsAlive(pid)
                                                         && ProcessTable.Environment(pid).Contains(mark, StringComparison.Ordinal))];
            if (marked.Count == 0) return [];
            await Task.Delay(100);
        }
        return [.. marked.Select(pid => $"{pid}: {ProcessTable.CommandLine(pid)}")];
    }
}
