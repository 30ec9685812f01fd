using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// The negative controls run through the real suite, exactly as a user runs it: feature files kept outside the
/// repository, Gherkin steps, real amrecover sessions. Each bad fixture must FAIL with its category and a message
/// that names config, host and disk and says what was found.
/// </summary>
[Category("Integration")]
public sealed class SuiteControlsTests
{
    private string _features = null!;
    private SuiteRun _run = null!;

    [OneTimeSetUp]
    public async Task RunTheControlsAsync()
    {
        RealAmanda.Require();
        // A copy outside the repository: the suite must not depend on where its features live.
        _features = Directory.CreateTempSubdirectory("ba-controls-").FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Controls"), "*.feature"))
            File.Copy(file, Path.Combine(_features, Path.GetFileName(file)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _run = await SuiteRunner.RunAsync(_features, filter: null, timeout.Token);
    }

    [OneTimeTearDown]
    public void RemoveCopy()
    {
        if (_features is not null && Directory.Exists(_features)) Directory.Delete(_features, recursive: true);
    }

    [Test]
    public void The_run_fails_because_expectations_failed() => _run.ExitCode.ShouldNotBe(0, _run.Console);

    [Test]
    public void The_odd_names_tree_passes() =>
        _run.Single("A tree of odd names passes").Outcome.ShouldBe("Passed", _run.Single("A tree of odd names passes").Message);

    [TestCase("A disk of empty directories fails",
        "Hollow backup: daily localhost:/srv/fixtures/hollow (dump ", "found 0 files in 7 directories below the root")]
    [TestCase("An empty disk fails",
        "Hollow backup: daily localhost:/srv/fixtures/empty (dump ", "found 0 files in 0 directories below the root")]
    [TestCase("A disk that was never dumped fails",
        "Stale backup: daily localhost:/srv/fixtures/notdumped (no dump)", "500 No dumps available on or before date")]
    [TestCase("A disk unknown to Amanda fails",
        "Amanda unreachable or misconfigured: daily localhost:/srv/no such disk", "is not in the server's disklist")]
    public void A_bad_fixture_fails_with_its_category_and_evidence(string scenario, string start, string found)
    {
        var result = _run.Single(scenario);
        result.Outcome.ShouldBe("Failed");
        result.Message.ShouldStartWith(start);
        result.Message.ShouldContain(found);
        result.Message.ShouldContain("amrecover transcript");
    }

    [Test]
    public void The_summary_lists_every_scenario_with_its_reason()
    {
        _run.Summary.ShouldContain("PASS  Controls for the hollow-backup detector / A tree of odd names passes");
        _run.Summary.ShouldContain("FAIL  Controls for the hollow-backup detector / A disk of empty directories fails\n        Hollow backup: ");
        _run.Summary.ShouldContain("1 passed, 4 failed");
    }

    [Test]
    public async Task A_tag_filter_selects_only_the_tagged_scenarios()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var run = await SuiteRunner.RunAsync(_features, "TestCategory=hollow", timeout.Token);
        run.Results.Select(r => r.Name).ShouldBe(["A disk of empty directories fails"]);
    }
}
