using BackupAcceptance.Tests.Support;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>A baseline of the demo's ba-daily configuration run whole and in three shards through run.sh, then merged
/// with ./run.sh report: the same scenarios with the same verdicts, each exactly once, one report.</summary>
[Category("Integration")]
public sealed class ShardIntegrationTests
{
    private string _work = "";

    [SetUp]
    public void Create()
    {
        RealAmanda.Require();
        _work = Directory.CreateTempSubdirectory("ba-shards-").FullName;
    }

    [TearDown]
    public void Remove() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task Three_shards_merged_give_the_verdicts_of_one_run()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var feature = Path.Combine(_work, "ba-daily.feature");
        (await RunAsync(["baseline", "ba-daily", "--out", feature], "baseline", timeout.Token)).ExitCode.ShouldBe(0);

        var whole = await RunAsync(["--features", feature, "--quiet"], "whole", timeout.Token);
        whole.ExitCode.ShouldBe(1, "the demo's faulty disks fail");
        var shards = new List<string>();
        for (var index = 1; index <= 3; index++)
        {
            var part = await RunAsync(["--features", feature, "--shard", $"{index}/3", "--quiet"], $"shard{index}", timeout.Token);
            part.ExitCode.ShouldBeOneOf([0, 1], part.StandardOutput + part.StandardError);
            shards.Add(Path.Combine(_work, $"shard{index}"));
        }
        var merged = await RunAsync(["report", .. shards], "merged", timeout.Token);
        merged.ExitCode.ShouldBe(1, merged.StandardOutput + merged.StandardError);

        // The same scenario lines with the same verdicts and reasons, sorted alike; the merged report rendered.
        Verdicts(Path.Combine(_work, "merged", "summary.txt")).ShouldBe(Verdicts(Path.Combine(_work, "whole", "summary.txt")));
        var counts = File.ReadLines(Path.Combine(_work, "whole", "summary.txt")).Single(l => l.Contains(" passed, ", StringComparison.Ordinal)).Split(';')[0];
        File.ReadAllText(Path.Combine(_work, "merged", "summary.txt")).ShouldContain($"{counts}; merged from 3 parts of 3");
        File.Exists(Path.Combine(_work, "merged", "allure-report", "index.html")).ShouldBeTrue();
        Directory.GetFiles(Path.Combine(_work, "merged", "allure-results"), "*-result.json").Length
            .ShouldBe(Directory.GetFiles(Path.Combine(_work, "whole", "allure-results"), "*-result.json").Length);
        File.ReadAllText(Path.Combine(shards[0], "summary.txt")).ShouldContain("PART: only shard 1/3 of the scenarios ran here");

        // Not all of one run: refused, never merged green.
        var missing = await RunAsync(["report", shards[0], shards[2]], "refused", timeout.Token);
        (missing.ExitCode, missing.StandardError).ShouldBe((2, "run.sh: report: parts missing: 2/3 (a part that did not run checked nothing: the merge would lie)\n"));
        var twice = await RunAsync(["report", shards[0], shards[1], shards[1], shards[2]], "refused", timeout.Token);
        twice.StandardError.ShouldContain("part 2/3 is given twice");
        // Each shard checked only its own disks: no scenario ran twice.
        shards.Sum(s => Verdicts(Path.Combine(s, "summary.txt")).Count(l => !l.StartsWith(' '))).ShouldBe(Verdicts(Path.Combine(_work, "whole", "summary.txt")).Count(l => !l.StartsWith(' ')));
    }

    /// <summary>The verdict lines and their reason lines, without walk notes and counts (which differ by run).</summary>
    private static List<string> Verdicts(string summary) =>
        File.ReadLines(summary).Where(l => l.StartsWith("PASS ", StringComparison.Ordinal) || l.StartsWith("FAIL ", StringComparison.Ordinal)
                                           || l.StartsWith("BROKEN ", StringComparison.Ordinal) || l.StartsWith("        ", StringComparison.Ordinal)).ToList();

    private async Task<BufferedCommandResult> RunAsync(string[] arguments, string results, CancellationToken cancellationToken) =>
        await Cli.Wrap(Path.Combine(Repository.Root, "run.sh")).WithArguments(arguments)
            .WithEnvironmentVariables(env => env
                .Set("BACKUP_ACCEPTANCE_RESULTS", Path.Combine(_work, results))
                .Set("BACKUP_ACCEPTANCE_ALLURE_HISTORY", Path.Combine(_work, "history.jsonl")))
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
}
