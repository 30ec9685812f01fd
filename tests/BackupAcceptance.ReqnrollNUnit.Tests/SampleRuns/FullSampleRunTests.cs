using BackupAcceptance.ReqnrollNUnit.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.ReqnrollNUnit.Tests.SampleRuns;

/// <summary>
/// Runs every sample test once, out of process, and checks each outcome in the TRX: what passes, what fails
/// on purpose and with which message, what is ignored, and which hooks ran.
/// </summary>
[Category("OutOfProcess")]
public sealed class FullSampleRunTests
{
    private const string Backup = "NightlyBackupFeature.";
    private const string Hooks = "HooksAndContextInjectionFeature.";
    private const string Failing = "DeliberatelyFailingSamplesFeature.";

    private ScratchDirectory? _results;
    private SampleRun _run = null!;

    [OneTimeSetUp]
    public async Task RunSamplesAsync()
    {
        _results = new ScratchDirectory();
        _run = await SampleProject.TestAsync(_results.Path, filter: null, TestContext.CurrentContext.CancellationToken);
    }

    [OneTimeTearDown]
    public void DeleteResults() => _results?.Dispose();

    [Test]
    public void Each_scenario_and_outline_row_is_one_test_and_each_broken_source_one_failing_test()
    {
        _run.Results.Select(result => result.FullName).Order(StringComparer.Ordinal).ShouldBe(
        [
            SampleRun.FixtureNamespace + "BrokenFeature.LoadError",
            SampleRun.FixtureNamespace + Failing + "AFailingAssertionFailsTheTest",
            SampleRun.FixtureNamespace + Failing + "APendingStepFailsTheTest",
            SampleRun.FixtureNamespace + Failing + "AnUndefinedStepFailsTheTestWithItsSkeleton",
            SampleRun.FixtureNamespace + Hooks + "ASerialTagFromReqnrollJsonMakesTheScenarioNonParallelizable",
            SampleRun.FixtureNamespace + Hooks + "ATagScopedHookRunsForItsTag",
            SampleRun.FixtureNamespace + Hooks + "ATagScopedHookSkipsScenariosWithoutItsTag",
            SampleRun.FixtureNamespace + Hooks + "StepHooksWrapEveryStep",
            SampleRun.FixtureNamespace + Hooks + "TestRunFeatureAndScenarioHooksPrepareSharedState",
            SampleRun.FixtureNamespace + Backup + "AFullBackupCopiesEveryFile",
            SampleRun.FixtureNamespace + Backup + "AnIgnoredScenarioIsNotExecuted",
            SampleRun.FixtureNamespace + Backup + "AnIncrementalBackupCopiesOnlyChangedFiles_Examples1_Row1",
            SampleRun.FixtureNamespace + Backup + "AnIncrementalBackupCopiesOnlyChangedFiles_Examples1_Row2",
            SampleRun.FixtureNamespace + Backup + "AnIncrementalBackupCopiesOnlyChangedFiles_Examples2_Row1",
            SampleRun.FixtureNamespace + Backup + "AnOldBackupExpires",
            SampleRun.FixtureNamespace + "NoFeatureFiles.LoadError",
        ]);
    }

    [Test]
    public void The_run_fails_because_of_the_deliberately_failing_tests() =>
        _run.ExitCode.ShouldBe(1, _run.Output);

    [TestCase(Backup + "AFullBackupCopiesEveryFile")]
    [TestCase(Backup + "AnOldBackupExpires")]
    [TestCase(Hooks + "StepHooksWrapEveryStep")]
    [TestCase(Hooks + "ASerialTagFromReqnrollJsonMakesTheScenarioNonParallelizable")]
    public void Passing_scenarios_pass(string test) =>
        _run.Test(test).Outcome.ShouldBe("Passed", _run.Test(test).Message);

    [Test]
    public void An_outline_gives_one_passing_test_per_example_row_named_with_its_values()
    {
        var rows = _run.Results.Where(result => result.FullName.Contains("AnIncrementalBackupCopiesOnlyChangedFiles_")).ToList();

        rows.Select(row => row.Name).Order(StringComparer.Ordinal).ShouldBe(
        [
            "An incremental backup copies only changed files [Weekly: total=100, changed=40]",
            "An incremental backup copies only changed files [total=3, changed=1]",
            "An incremental backup copies only changed files [total=5, changed=0]",
        ]);
        rows.ShouldAllBe(row => row.Outcome == "Passed");
    }

    [Test]
    public void A_failing_step_fails_the_test_with_its_assertion_message()
    {
        var result = _run.Test(Failing + "AFailingAssertionFailsTheTest");

        result.Outcome.ShouldBe("Failed");
        // Shouldly names the value ("journal.CopiedFiles.Count") only in Debug builds: check the rest.
        result.Message.ShouldStartWith("Shouldly.ShouldAssertException");
        result.Message.ShouldContain("should be");
        result.Message.ShouldContain("3");
    }

    [Test]
    public void An_undefined_step_fails_the_test_with_the_step_definition_skeleton()
    {
        var result = _run.Test(Failing + "AnUndefinedStepFailsTheTestWithItsSkeleton");

        result.Outcome.ShouldBe("Failed");
        result.Message.ShouldContain("No matching step definition found");
        result.Message.ShouldContain("[When(\"the tape is rewound to block {int}\")]");
    }

    [Test]
    public void A_pending_step_fails_the_test()
    {
        var result = _run.Test(Failing + "APendingStepFailsTheTest");

        result.Outcome.ShouldBe("Failed");
        result.Message.ShouldContain("not implemented");
        result.Message.ShouldContain("WhenTheCatalogueIsCompacted");
    }

    [Test]
    public void An_ignored_scenario_is_not_executed()
    {
        var result = _run.Test(Backup + "AnIgnoredScenarioIsNotExecuted");

        result.Outcome.ShouldBe("NotExecuted");
        // Ignored when NUnit builds the test, so no hook or step of the scenario ever ran.
        result.Message.ShouldBe("Ignored scenario (@ignore)");
        _run.HookLog.ShouldNotContain(line => line.StartsWith("AfterScenario An ignored scenario"));
    }

    [Test]
    public void A_syntax_error_fails_a_test_with_the_parser_message_file_and_line()
    {
        var result = _run.Test("BrokenFeature.LoadError");

        result.Outcome.ShouldBe("Failed");
        result.Name.ShouldBe("Feature could not be loaded");
        result.Message.ShouldContain("Broken.feature:6: (6:3): expected:");
        result.Message.ShouldContain("got 'This line is neither a step nor a keyword");
    }

    [Test]
    public void A_missing_feature_path_fails_a_test_saying_where_it_looked()
    {
        var result = _run.Test("NoFeatureFiles.LoadError");

        result.Outcome.ShouldBe("Failed");
        result.Message.ShouldContain("NoSuchFeatures' does not exist");
    }

    [Test]
    public void Test_run_feature_and_scenario_hooks_set_state_that_steps_see_through_context_injection() =>
        _run.Test(Hooks + "TestRunFeatureAndScenarioHooksPrepareSharedState").Outcome.ShouldBe("Passed");

    [Test]
    public void A_tag_scoped_hook_runs_only_for_scenarios_with_its_tag()
    {
        _run.Test(Hooks + "ATagScopedHookRunsForItsTag").Outcome.ShouldBe("Passed");
        _run.Test(Hooks + "ATagScopedHookSkipsScenariosWithoutItsTag").Outcome.ShouldBe("Passed");
    }

    [Test]
    public void Hooks_fire_in_order_and_each_feature_ends_before_the_next_starts()
    {
        var log = _run.HookLog;

        log.ShouldNotBeEmpty(_run.Output);
        log[0].ShouldBe("BeforeTestRun");
        log[^1].ShouldBe("AfterTestRun");
        foreach (var feature in new[] { "Nightly backup", "Hooks and context injection", "Deliberately failing samples" })
        {
            var start = log.ToList().IndexOf($"BeforeFeature {feature}");
            var end = log.ToList().IndexOf($"AfterFeature {feature}");
            start.ShouldBeGreaterThan(0, $"BeforeFeature {feature} in\n{string.Join('\n', log)}");
            end.ShouldBeGreaterThan(start);
            log.Skip(start + 1).Take(end - start - 1).ShouldAllBe(line => line.StartsWith("AfterScenario "));
        }
    }

    [Test]
    public void Reqnroll_sees_undefined_and_pending_steps_as_such() =>
        _run.HookLog.ShouldSatisfyAllConditions(
            log => log.ShouldContain("AfterScenario An undefined step fails the test with its skeleton: UndefinedStep"),
            log => log.ShouldContain("AfterScenario A pending step fails the test: StepDefinitionPending"));

    [Test]
    public void Each_test_prints_its_scenario_location_relative_to_the_feature_directory() =>
        _run.Test(Backup + "AFullBackupCopiesEveryFile").StandardOutput
            .ShouldStartWith("Scenario: A full backup copies every file (Backup/NightlyBackup.feature:10)");
}
