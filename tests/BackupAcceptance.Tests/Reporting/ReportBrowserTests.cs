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
/// disk and looks for the scenarios, their statuses, a category and a transcript (reporting/check-report.mjs).
/// </summary>
[Category("Integration")]
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
    public async Task The_rendered_report_shows_scenarios_statuses_categories_and_transcripts_with_a_trend()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var features = Directory.CreateDirectory(Path.Combine(_work, "features")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Controls", "at-least-one-file.feature"), Path.Combine(features, "controls.feature"));
        var history = Path.Combine(_work, "history", "history.jsonl");
        var report = Path.Combine(_work, "report");
        string? rendered = null;

        await SuiteRunner.RunAsync(features, null, timeout.Token,
            new Dictionary<string, string> { ["BACKUP_ACCEPTANCE_ALLURE_HISTORY"] = history },
            async results =>
            {
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
            scenarios = new[] { "A disk of empty directories fails", "A tree of odd names passes", "An empty disk fails", "A disk that was never dumped fails", "A disk unknown to Amanda fails" },
            counts = new[] { "3 failed", "1 broken", "1 passed" },
            open = new { scenario = "A disk of empty directories fails", category = "Hollow backup", transcriptContains = "amrecover> ls" },
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
