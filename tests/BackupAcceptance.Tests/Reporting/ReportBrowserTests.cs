using System.Text.Json;
using BackupAcceptance.Tests.Support;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Reporting;

/// <summary>
/// The morning report as a person sees it: the real suite runs the hollow-backup controls, the pinned Allure 3
/// renders its results twice (a trend needs two points), and headless Chromium opens the single HTML file from
/// disk and looks for the tree config > host > disk with each scenario in its place, the statuses, a category, a
/// transcript and the estate page among the global attachments; then opens the estate page (results/estate.html)
/// and looks for its disks and its hollow and failed cells (reporting/check-report.mjs).
/// </summary>
[Category("Integration")]
[Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
public sealed class ReportBrowserTests
{
    private static readonly string Reporting = Path.Combine(Repository.Root, "reporting");
    private static readonly string Allure = Path.Combine(Reporting, "node_modules", ".bin", "allure");
    private string _work = null!;

    [OneTimeSetUp]
    public void RequireTools()
    {
        RealAmanda.Require();
        var missing = !File.Exists(Allure) ? $"the pinned Allure is not installed (cd reporting && npm ci)"
            : !File.Exists("/usr/bin/chromium") ? "Chromium is not installed (apt-get install chromium)"
            : null;
        if (missing is null) return;
        if (RealAmanda.Required) Assert.Fail($"BACKUP_ACCEPTANCE_REQUIRE_AMANDA=1 but {missing}.");
        Assert.Ignore(missing);
    }

    [SetUp]
    public void CreateWorkFolder() => _work = Directory.CreateTempSubdirectory("ba-report-").FullName;

    [TearDown]
    public void RemoveWorkFolder() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task The_rendered_report_shows_the_disks_tree_statuses_categories_transcripts_a_trend_and_the_estate_page()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var features = Directory.CreateDirectory(Path.Combine(_work, "features")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Controls", "at-least-one-file.feature"), Path.Combine(features, "controls.feature"));
        var history = Path.Combine(_work, "history", "history.jsonl");
        var report = Path.Combine(_work, "report");
        var estate = Path.Combine(_work, "estate.html");
        string? rendered = null;

        await SuiteRunner.RunAsync(features, null, timeout.Token,
            new Dictionary<string, string>
            {
                ["BACKUP_ACCEPTANCE_ALLURE_HISTORY"] = history,
                ["BACKUP_ACCEPTANCE_COUNT_HISTORY"] = Path.Combine(_work, "history", "counts.jsonl"),
                ["BACKUP_ACCEPTANCE_ESTATE_HISTORY"] = Path.Combine(_work, "history", "estate.jsonl"),
            },
            async results =>
            {
                File.Copy(Path.Combine(results, "estate.html"), estate); // the results folder goes with the run
                Directory.CreateDirectory(Path.GetDirectoryName(history)!);
                foreach (var run in new[] { "first", "second" })
                {
                    // The product's own renderer (run.sh uses it too): generate, history, analytics stripped.
                    var generate = await Cli.Wrap(Path.Combine(Reporting, "render.sh"))
                        .WithArguments([Path.Combine(results, "allure-results"), report])
                        .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);
                    generate.ExitCode.ShouldBe(0, $"{run} render: {generate.StandardOutput}{generate.StandardError}");
                }
                rendered = Path.Combine(report, "index.html");
            });

        rendered.ShouldNotBeNull();
        File.ReadLines(history).Count().ShouldBe(2, "each render adds one point to the history: two renders, a trend of two");
        var spec = Path.Combine(_work, "spec.json");
        await File.WriteAllTextAsync(spec, JsonSerializer.Serialize(new
        {
            report = rendered,
            tree = new[]
            {
                new[] { "ba-daily", "localhost", "/srv/fixtures/hollow", "A disk of empty directories fails" },
                ["ba-daily", "localhost", "/srv/fixtures/oddnames", "A tree of odd names passes"],
                ["ba-daily", "localhost", "/srv/fixtures/empty", "An empty disk fails"],
                ["ba-daily", "localhost", "/srv/fixtures/notdumped", "A disk that was never dumped fails"],
                ["ba-daily", "localhost", "/srv/no such disk", "A disk unknown to Amanda fails"],
            },
            counts = new[] { "3 failed", "1 broken", "1 passed" },
            open = new { scenario = "A disk of empty directories fails", category = "Hollow backup", transcriptContains = "amrecover> ls" },
            globalAttachment = new { name = "estate: disks × nights (estate.html)", contains = "/srv/fixtures/hollow" },
            estate = new
            {
                page = estate,
                contains = new[] { "/srv/fixtures/oddnames", "/srv/fixtures/hollow", "/srv/no such disk", "4 failed, broken or hollow" },
                cells = new Dictionary<string, int> { ["failed hollow"] = 1, ["passed"] = 1, ["broken"] = 1 },
            },
            screenshots = Environment.GetEnvironmentVariable("BACKUP_ACCEPTANCE_SCREENSHOTS") is { Length: > 0 } shots
                ? new { tree = Path.Combine(shots, "report-tree.png"), estate = Path.Combine(shots, "report-estate.png") }
                : null,
        }), timeout.Token);

        var check = await Cli.Wrap("node").WithArguments(["check-report.mjs", spec]).WithWorkingDirectory(Reporting)
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);

        TestContext.Out.WriteLine(check.StandardOutput + check.StandardError);
        check.ExitCode.ShouldBe(0, check.StandardOutput + check.StandardError);
        check.StandardOutput.ShouldContain("report check passed");
    }

    [Test]
    public async Task A_malformed_allure_config_stops_the_run_with_a_clear_error()
    {
        var config = Path.Combine(_work, "allure-config.json");
        await File.WriteAllTextAsync(config, "{ \"reportTitle\": ");
        var features = Path.Combine(AppContext.BaseDirectory, "Controls", "at-least-one-file.feature");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var run = await SuiteRunner.RunAsync(features, "TestCategory=good", timeout.Token,
            new Dictionary<string, string> { ["BACKUP_ACCEPTANCE_ALLURE_CONFIG"] = config });

        run.ExitCode.ShouldNotBe(0);
        run.Results.ShouldAllBe(r => r.Outcome != "Passed");
        (run.Console + string.Join("\n", run.Results.Select(r => r.Message))).ShouldContain($"{config} is not valid");
    }
}
