using BackupAcceptance.Tests.Support;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>The demo's ba-daily features run whole, then in four shards AT ONCE on this host against the same
/// configuration, as docs/nightly.md says (each part in its own relative results folder, started from one folder), then
/// merged with ./run.sh report: the same scenarios with the same verdicts, each exactly once, one report; no part met
/// amidxtaped's "Continue [?/Y/n/d]?" (a second restore at a busy tape drive), and the tape drive's lock made the
/// restores take turns (a wait, named in a step's transcript).</summary>
[Category("Integration")]
[Category("Slow")]
public sealed class ShardIntegrationTests
{
    private const int Parts = 4;
    private const string BusyDrive = "Continue [?/Y/n/d]";
    private string _work = "";

    [SetUp]
    public void Create()
    {
        RealAmanda.Require();
        _work = Directory.CreateTempSubdirectory("ba-shards-").FullName;
        // ba-daily's demo features (every one names ba-daily), read through a relative --features.
        Directory.CreateDirectory(Path.Combine(_work, "features"));
        foreach (var feature in new[] { "demo-disks.feature", "etc.feature", "estate.feature" })
            File.WriteAllText(Path.Combine(_work, "features", feature),
                WithoutScenario(File.ReadAllText(Path.Combine(Repository.Root, "features", feature)), TimeBudget));
    }

    /// <summary>Left out: a walk "for at most 3 seconds" sees fewer directories when four parts share two cores, and
    /// its lower bound then falls below 1,000 (seen once: 300 files in 31 directories, FAIL). A budget in seconds is
    /// the machine's load as much as the backup's, so its verdict is not one the parts can be held to.</summary>
    private const string TimeBudget = "A large disk is sampled within a time budget";

    private static string WithoutScenario(string feature, string name)
    {
        var lines = feature.Split('\n').ToList();
        var start = lines.FindIndex(l => l.Trim() == $"Scenario: {name}");
        if (start < 0) return feature;
        if (start > 0 && lines[start - 1].TrimStart().StartsWith('@')) start--;
        var end = start + 1;
        while (end < lines.Count && lines[end].Trim().Length > 0) end++;
        lines.RemoveRange(start, end - start);
        return string.Join('\n', lines);
    }

    [TearDown]
    public void Remove()
    {
        // A failed run's folder is kept for a look (its path in the test's output).
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            TestContext.Out.WriteLine($"kept: {_work}");
        else
            Directory.Delete(_work, recursive: true);
    }

    [Test]
    public async Task Four_shards_at_once_take_turns_at_the_tape_drive_and_merge_to_the_verdicts_of_one_run()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(25));
        // The whole run first: it builds the suite, so the parts need not (four builds of one tree at once race).
        var whole = await RunAsync(["--features", "features", "--quiet"], "whole", timeout.Token);
        whole.ExitCode.ShouldBeOneOf([0, 1], whole.StandardOutput + whole.StandardError);

        // The recipe itself (examples/shards/four-at-once.sh): four parts at once, then ./run.sh report of them.
        var merged = await Cli.Wrap(Path.Combine(Repository.Root, "examples", "shards", "four-at-once.sh")).WithArguments([$"{Parts}"])
            .WithWorkingDirectory(_work)
            .WithEnvironmentVariables(env => env
                .Set("RUN_SH", Path.Combine(Repository.Root, "run.sh"))
                .Set("FEATURES", "features")
                .Set("BACKUP_ACCEPTANCE_RESULTS", "merged")
                .Set("BACKUP_ACCEPTANCE_ALLURE_HISTORY", "history/history.jsonl")
                .Set("BACKUP_ACCEPTANCE_COUNT_HISTORY", "history/counts.jsonl"))
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);
        var folders = Enumerable.Range(1, Parts).Select(index => $"shards/shard-{index}").ToArray();
        var logs = string.Join("\n", Enumerable.Range(1, Parts).Select(index => Path.Combine(_work, "shards", $"part-{index}.log"))
            .Where(File.Exists).Select(File.ReadAllText));
        foreach (var folder in folders)
        {
            File.Exists(Path.Combine(_work, folder, "summary.txt")).ShouldBeTrue($"{folder} holds its summary, where it was asked to\n{logs}");
            File.ReadAllText(Path.Combine(_work, folder, "exit-code")).Trim().ShouldBeOneOf(["0", "1"], logs);
        }
        TestContext.Out.WriteLine(string.Join('\n', TapeNotes(folders).Distinct()));
        merged.ExitCode.ShouldBe(whole.ExitCode, merged.StandardOutput + merged.StandardError);

        // The same scenario lines with the same verdicts and reasons, sorted alike; the merged report rendered.
        Verdicts(Path.Combine(_work, "merged", "summary.txt")).ShouldBe(Verdicts(Path.Combine(_work, "whole", "summary.txt")));
        var counts = File.ReadLines(Path.Combine(_work, "whole", "summary.txt")).Single(l => l.Contains(" passed, ", StringComparison.Ordinal)).Split(';')[0];
        File.ReadAllText(Path.Combine(_work, "merged", "summary.txt")).ShouldContain($"{counts}; merged from {Parts} parts of {Parts}");
        File.Exists(Path.Combine(_work, "merged", "allure-report", "index.html")).ShouldBeTrue();
        Directory.GetFiles(Path.Combine(_work, "merged", "allure-results"), "*-result.json").Length
            .ShouldBe(Directory.GetFiles(Path.Combine(_work, "whole", "allure-results"), "*-result.json").Length);
        File.ReadAllText(Path.Combine(_work, folders[0], "summary.txt")).ShouldContain($"PART: only shard 1/{Parts} of the scenarios ran here");
        // Each shard checked only its own disks: no scenario ran twice.
        folders.Sum(f => Verdicts(Path.Combine(_work, f, "summary.txt")).Count(l => !l.StartsWith(' ')))
            .ShouldBe(Verdicts(Path.Combine(_work, "whole", "summary.txt")).Count(l => !l.StartsWith(' ')));
        // The relative folders and histories were read where run.sh was started, not in dotnet test's own folder.
        File.Exists(Path.Combine(_work, "history", "history.jsonl")).ShouldBeTrue("the merge's history point, in the relative history");
        Directory.GetDirectories(Path.Combine(Repository.Root, "src", "BackupAcceptance.Suite", "bin"), "shards", SearchOption.AllDirectories).ShouldBeEmpty();

        // The restores took turns: none met the busy drive's question, and each noted how it got the drive. Whether two
        // parts' restores overlap is up to timing (on a quiet machine they may not); the wait for another process's
        // lock, with its PID, is shown deterministically by TapeDriveLockTests (a flock(1) holder).
        Evidence(folders).Where(text => text.Contains(BusyDrive, StringComparison.Ordinal)).ShouldBeEmpty("no part met amidxtaped's busy-drive question");
        var notes = TapeNotes(folders);
        notes.ShouldNotBeEmpty("every restore notes how it got the tape drive");
        notes.ShouldAllBe(l => l.Contains("(suite: took the tape drive of ba-daily at once", StringComparison.Ordinal)
                               || l.Contains("(suite: waited ", StringComparison.Ordinal),
            $"each note says the drive was taken at once or after a wait; the notes:\n{string.Join('\n', notes)}");
        var crossPart = notes.Count(l => l.Contains("(suite: waited ", StringComparison.Ordinal) && l.Contains("PID ", StringComparison.Ordinal));
        TestContext.Progress.WriteLine($"tape drive: {notes.Count} restores, {crossPart} waited for another part");

        // Not all of one run: refused, never merged green.
        var missing = await RunAsync(["report", folders[0], folders[2], folders[3]], "refused", timeout.Token);
        (missing.ExitCode, missing.StandardError).ShouldBe((2, $"run.sh: report: parts missing: 2/{Parts} (a part that did not run checked nothing: the merge would lie)\n"));
        var twice = await RunAsync(["report", folders[0], folders[1], folders[1], folders[2], folders[3]], "refused", timeout.Token);
        twice.StandardError.ShouldContain($"part 2/{Parts} is given twice");

        // The merged run packs as evidence into a relative folder too.
        var packed = await RunAsync(["evidence"], "merged", timeout.Token, ("BACKUP_ACCEPTANCE_EVIDENCE_DIR", "evidence"));
        packed.ExitCode.ShouldBe(0, packed.StandardError);
        Directory.GetFiles(Path.Combine(_work, "evidence"), "backup-acceptance-evidence-*.tar.gz").Length.ShouldBe(1);
    }

    /// <summary>Every file a part wrote that could show a restore: its Allure results and attachments, log and summary.</summary>
    private List<string> Evidence(string[] folders) =>
        folders.SelectMany(f => Directory.GetFiles(Path.Combine(_work, f, "allure-results"))
            .Append(Path.Combine(_work, f, "dotnet-test.log")).Append(Path.Combine(_work, f, "summary.txt"))).Select(File.ReadAllText).ToList();

    /// <summary>The transcripts' notes of how each restore got the tape drive.</summary>
    private List<string> TapeNotes(string[] folders) =>
        Evidence(folders).SelectMany(text => text.Split('\n')).Where(l => l.Contains("the tape drive of ba-daily", StringComparison.Ordinal)).ToList();

    /// <summary>The verdict lines and their reason lines, without walk notes and counts (which differ by run).</summary>
    private static List<string> Verdicts(string summary) =>
        File.ReadLines(summary).Where(l => l.StartsWith("PASS ", StringComparison.Ordinal) || l.StartsWith("FAIL ", StringComparison.Ordinal)
                                           || l.StartsWith("BROKEN ", StringComparison.Ordinal) || l.StartsWith("        ", StringComparison.Ordinal)).ToList();

    /// <summary>./run.sh started in the work folder, every path given relative to it, as a sysadmin types them.</summary>
    private async Task<BufferedCommandResult> RunAsync(string[] arguments, string results, CancellationToken cancellationToken,
        params (string Name, string Value)[] more) =>
        await Cli.Wrap(Path.Combine(Repository.Root, "run.sh")).WithArguments(arguments).WithWorkingDirectory(_work)
            .WithEnvironmentVariables(env =>
            {
                env.Set("BACKUP_ACCEPTANCE_RESULTS", results)
                    .Set("BACKUP_ACCEPTANCE_ALLURE_HISTORY", "history/history.jsonl")
                    .Set("BACKUP_ACCEPTANCE_COUNT_HISTORY", "history/counts.jsonl");
                foreach (var (name, value) in more) env.Set(name, value);
            })
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
}
