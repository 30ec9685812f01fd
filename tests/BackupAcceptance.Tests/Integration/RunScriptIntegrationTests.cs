using System.Xml.Linq;
using BackupAcceptance.Tests.Support;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>./run.sh as cron and CI see it, against the real demo Amanda: exit 0 when every scenario passed, 1 when a
/// backup expectation failed, 2 when the suite could only say it could not check; --quiet prints only what failed, and
/// nothing when all passed;
/// JUnit XML holds one test case per scenario with the failure message; GitHub's step summary gets a table.</summary>
[Category("Integration")]
public sealed class RunScriptIntegrationTests
{
    private const string Good = """
        Feature: Good
          Scenario: etc holds files
            Given ba-daily config for localhost /etc
            Then the backup contains at least one file
        """;

    private string _work = "";

    // One run of the good feature, read by the tests of its exit, output and JUnit, and packed by the evidence test
    // (which only reads its results folder): one run.sh run for both instead of one each.
    private string _good = "";
    private BufferedCommandResult _goodRun = null!;

    [OneTimeSetUp]
    public async Task RunTheGoodFeatureOnceAsync()
    {
        RealAmanda.Require();
        _good = Directory.CreateTempSubdirectory("ba-run-script-good-").FullName;
        _goodRun = await RunInAsync(_good, Good, "--quiet", build: true); // as a user runs it: the build checked too
    }

    [OneTimeTearDown]
    public void RemoveGood()
    {
        if (_good.Length > 0) Directory.Delete(_good, recursive: true);
    }

    [SetUp]
    public void Create()
    {
        RealAmanda.Require();
        _work = Directory.CreateTempSubdirectory("ba-run-script-").FullName;
    }

    [TearDown]
    public void Remove() => Directory.Delete(_work, recursive: true);

    [Test]
    public void Every_scenario_passed_exits_0_and_quiet_prints_nothing()
    {
        var run = _goodRun;
        run.ExitCode.ShouldBe(0, run.StandardOutput + run.StandardError);
        // For cron: a green night mails nothing (issue 25, item 5); the report is still rendered.
        (run.StandardOutput + run.StandardError).ShouldBeEmpty();
        File.Exists(Path.Combine(_good, "results", "allure-report", "index.html")).ShouldBeTrue();
        var cases = XDocument.Load(Path.Combine(_good, "results", "junit.xml")).Descendants("testcase").ToList();
        cases.Count.ShouldBe(1);
        cases[0].Element("failure").ShouldBeNull();
    }

    [Test]
    public async Task Evidence_packs_the_last_run_with_a_manifest_that_catches_a_changed_file()
    {
        _goodRun.ExitCode.ShouldBe(0, _goodRun.StandardOutput + _goodRun.StandardError);
        var evidence = Path.Combine(_work, "evidence");
        var packed = await Cli.Wrap(Path.Combine(Repository.Root, "run.sh")).WithArguments(["evidence"])
            .WithEnvironmentVariables(env => env.Set("BACKUP_ACCEPTANCE_RESULTS", Path.Combine(_good, "results")).Set("BACKUP_ACCEPTANCE_EVIDENCE_DIR", evidence))
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        packed.ExitCode.ShouldBe(0, packed.StandardError);
        var archive = Directory.GetFiles(evidence, "backup-acceptance-evidence-*.tar.gz").ShouldHaveSingleItem();
        packed.StandardOutput.ShouldContain($"Evidence: {archive}");
        await Cli.Wrap("tar").WithArguments(["-xzf", archive, "-C", evidence]).ExecuteAsync();
        var folder = Directory.GetDirectories(evidence).ShouldHaveSingleItem();
        foreach (var file in new[] { "RUN.txt", "MANIFEST.sha256", "summary.txt", "junit.xml", "suite.trx", "dotnet-test.log", "allure-report/index.html", "features.txt" })
            File.Exists(Path.Combine(folder, file)).ShouldBeTrue(file);
        Directory.GetFiles(Path.Combine(folder, "allure-results"), "*-attachment.txt").ShouldNotBeEmpty("the amrecover transcripts");
        var run = await File.ReadAllTextAsync(Path.Combine(folder, "RUN.txt"));
        run.ShouldContain("run amanda amanda-client 1:3.5.1");
        run.ShouldContain($"run features {Path.Combine(_good, "check.feature")}");
        run.ShouldContain("run suite commit ");   // features.txt: "suite commit HASH" in a clone, "suite release VERSION, commit HASH" in a release
        File.Exists(Path.Combine(folder, "features", "check.feature")).ShouldBeTrue("the feature file checked is in the archive");
        run.ShouldContain("verdict: 1 passed, 0 failed, 0 broken");

        async Task<int> CheckAsync() => (await Cli.Wrap("sha256sum").WithArguments(["-c", "--quiet", "MANIFEST.sha256"]).WithWorkingDirectory(folder)
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync()).ExitCode;
        (await CheckAsync()).ShouldBe(0);
        await File.AppendAllTextAsync(Path.Combine(folder, "summary.txt"), "PASS  doctored\n");
        (await CheckAsync()).ShouldNotBe(0, "a changed file no longer matches the manifest");
    }

    [Test]
    public async Task A_backup_fault_exits_1_even_beside_a_broken_check()
    {
        var summary = Path.Combine(_work, "step-summary.md");
        var run = await RunAsync("""
            Feature: Mixed
              Scenario: hollow disk
                Given ba-daily config for localhost /srv/fixtures/hollow
                Then the backup contains at least one file
              Scenario: unknown disk
                Given ba-daily config for localhost /srv/no-such-disk
                Then the backup contains at least one file
              Scenario: etc holds files
                Given ba-daily config for localhost /etc
                Then the backup contains at least one file
            """, "--quiet", summary);
        run.ExitCode.ShouldBe(1, run.StandardOutput + run.StandardError);
        run.StandardOutput.ShouldContain("FAIL  Mixed / hollow disk\n        Hollow backup: ba-daily localhost:/srv/fixtures/hollow");
        run.StandardOutput.ShouldContain("BROKEN Mixed / unknown disk\n        Amanda unreachable or misconfigured: ba-daily localhost:/srv/no-such-disk");
        run.StandardOutput.ShouldNotContain("etc holds files", customMessage: "--quiet leaves out what passed");
        run.StandardOutput.ShouldContain("1 passed, 1 failed, 1 broken");

        var cases = XDocument.Load(Path.Combine(_work, "results", "junit.xml")).Descendants("testcase").ToList();
        cases.Count.ShouldBe(3);
        cases.Select(c => c.Element("failure")?.Attribute("message")?.Value).OfType<string>()
            .ShouldContain(m => m.StartsWith("Hollow backup: ba-daily localhost:/srv/fixtures/hollow", StringComparison.Ordinal));

        var markdown = await File.ReadAllTextAsync(summary);
        markdown.ShouldContain("**1 passed, 1 failed, 1 broken**");
        markdown.ShouldContain("| FAIL | Mixed / hollow disk | Hollow backup: ba-daily localhost:/srv/fixtures/hollow");
        markdown.ShouldContain("| BROKEN | Mixed / unknown disk | Amanda unreachable or misconfigured: ");
    }

    [Test]
    [Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
    public async Task Only_checks_that_could_not_run_exit_2()
    {
        var run = await RunAsync("""
            Feature: Unknown
              Scenario: unknown config
                Given no-such-config config for localhost /etc
                Then the backup contains at least one file
            """, "--quiet");
        run.ExitCode.ShouldBe(2, run.StandardOutput + run.StandardError);
        run.StandardOutput.ShouldContain("0 passed, 0 failed, 1 broken");
    }

    [Test]
    [Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
    public async Task A_feature_file_that_does_not_parse_is_broken_even_when_every_scenario_passed()
    {
        await File.WriteAllTextAsync(Path.Combine(_work, "broken.feature"), "this is not gherkin\nFeature: Broken\n");
        var run = await RunAsync("""
            Feature: Good
              Scenario: etc holds files
                Given ba-daily config for localhost /etc
                Then the backup contains at least one file
            """, "--quiet", features: _work);
        run.ExitCode.ShouldBe(2, run.StandardOutput + run.StandardError);
        run.StandardOutput.ShouldContain("BROKEN dotnet test / outside the scenarios\n        Suite defect: dotnet test exited 1 with no scenario failed");
        run.StandardOutput.ShouldContain("1 passed, 0 failed, 1 broken");
    }

    [Test]
    [Category("Slow")] // walks the big disk through amrecover alone, twice, each through ./run.sh: CI runs it (./run.sh test --all)
    public async Task At_a_terminal_a_long_walk_shows_its_progress_and_quiet_never_does()
    {
        // The big disk walked through amrecover alone takes well over five seconds; script(1) gives run.sh a terminal.
        var file = Path.Combine(_work, "big.feature");
        await File.WriteAllTextAsync(file, """
            Feature: Big
              Scenario: big walked
                Given ba-daily config for localhost /srv/fixtures/big
                Then the backup contains at least 20000 files
            """);
        async Task<string> AtTerminalAsync(string options)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var result = await Cli.Wrap("script").WithArguments(["-qec", $"{Path.Combine(Repository.Root, "run.sh")} --features {file} {options}", "/dev/null"])
                .WithEnvironmentVariables(env => env
                    .Set("BACKUP_ACCEPTANCE_RESULTS", Path.Combine(_work, "results"))
                    .Set("BACKUP_ACCEPTANCE_ALLURE_HISTORY", Path.Combine(_work, "history.jsonl"))
                    .Set("BACKUP_ACCEPTANCE_INDEX_FILES", "off").Set("BACKUP_ACCEPTANCE_CACHE", "off"))
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);
            result.ExitCode.ShouldBe(0, result.StandardOutput);
            return result.StandardOutput;
        }

        var shown = (await AtTerminalAsync("")).Split('\r').Where(l => l.Contains("walking ba-daily localhost:/srv/fixtures/big: ", StringComparison.Ordinal)).ToList();
        shown.Count.ShouldBeGreaterThan(1, "the line moves while the walk runs");
        shown.ShouldAllBe(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"walking ba-daily localhost:/srv/fixtures/big: [\d,]+ dirs, [\d,]+ files, \d+ s"));
        File.Exists(Path.Combine(_work, "results", "progress.txt")).ShouldBeFalse("the suite removes its progress file");
        (await AtTerminalAsync("--quiet")).ShouldNotContain("walking ");
    }

    private Task<BufferedCommandResult> RunAsync(string feature, string option, string? stepSummary = null, string? features = null) =>
        RunInAsync(_work, feature, option, stepSummary, features);

    /// <summary>./run.sh on <paramref name="feature"/> written to WORK/check.feature, its results in WORK/results; the
    /// suite this test run built, unless <paramref name="build"/> (<see cref="RunScript.Prebuilt"/>).</summary>
    private static async Task<BufferedCommandResult> RunInAsync(string work, string feature, string option, string? stepSummary = null,
        string? features = null, bool build = false)
    {
        var file = Path.Combine(work, "check.feature");
        await File.WriteAllTextAsync(file, feature);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return await Cli.Wrap(Path.Combine(Repository.Root, "run.sh")).WithArguments(["--features", features ?? file, option, .. build ? [] : RunScript.Prebuilt])
            .WithEnvironmentVariables(env => env
                .Set("BACKUP_ACCEPTANCE_RESULTS", Path.Combine(work, "results"))
                .Set("BACKUP_ACCEPTANCE_ALLURE_HISTORY", Path.Combine(work, "history.jsonl"))
                .Set("GITHUB_STEP_SUMMARY", stepSummary))
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);
    }
}
