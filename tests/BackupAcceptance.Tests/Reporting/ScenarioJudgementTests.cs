using BackupAcceptance.Core.Failures;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Suite.Reporting;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Reporting;

/// <summary>The one rule every output reads a scenario's verdict from (<see cref="ScenarioJudgement"/>): a backup
/// fault fails, anything else that went wrong is broken, and the category and words come with it.</summary>
public sealed class ScenarioJudgementTests
{
    private static readonly BackupTarget Target = new("ba-daily", "localhost", "/srv/fixtures/hollow");

    private static ExpectationFailedException Failure(FailureCategory category) =>
        new(category, Target, null, "at least 1 file", "0 files in 3 directories", "");

    [Test]
    public void A_scenario_that_raised_nothing_and_ended_well_passed()
    {
        var judgement = ScenarioJudgement.Of(null, null, null);
        judgement.ShouldBe(ScenarioJudgement.Passed);
        (judgement.AllureStatus, judgement.StatusWord, judgement.Category, judgement.Reason).ShouldBe((AllureStatus.Passed, "passed", null, ""));
        judgement.AllureDetails.ShouldBe(new AllureStatusDetails());
    }

    [Test]
    public void A_backup_fault_the_driver_recorded_fails_with_its_category_and_sentence()
    {
        var hollow = Failure(FailureCategory.HollowBackup);
        var judgement = ScenarioJudgement.Of(hollow, new AssertionException(hollow.Message), null);
        (judgement.Verdict, judgement.AllureStatus, judgement.StatusWord).ShouldBe((ScenarioVerdict.Failed, AllureStatus.Failed, "failed"));
        judgement.Category.ShouldBe("Hollow backup");
        judgement.Message.ShouldBe(hollow.Message);
        judgement.Reason.ShouldBe(hollow.Message.Split('\n')[0]);
        judgement.Failure.ShouldBeSameAs(hollow);
    }

    [Test]
    public void A_fault_that_is_not_the_backup_s_is_broken()
    {
        var unreachable = Failure(FailureCategory.AmandaUnreachable);
        var judgement = ScenarioJudgement.Of(null, unreachable, null);
        (judgement.Verdict, judgement.Category).ShouldBe((ScenarioVerdict.Broken, "Amanda unreachable or misconfigured"));
    }

    [Test]
    public void Any_other_error_is_a_broken_suite_defect_with_its_type()
    {
        var judgement = ScenarioJudgement.Of(null, new InvalidOperationException("the pool ended"), null);
        (judgement.Verdict, judgement.Category).ShouldBe((ScenarioVerdict.Broken, "Suite defect"));
        judgement.Message.ShouldBe("Suite defect: InvalidOperationException: the pool ended");
        judgement.Trace!.ShouldContain("InvalidOperationException");
    }

    [Test]
    public void A_failure_of_the_scenario_itself_keeps_the_category_its_words_start_with()
    {
        var judgement = ScenarioJudgement.Of(null, new AssertionException("Nothing checked: the scenario ran no check"), null);
        (judgement.Verdict, judgement.Category).ShouldBe((ScenarioVerdict.Broken, "Nothing checked"));
    }

    [Test]
    public void A_scenario_that_raised_nothing_but_did_not_end_well_is_broken()
    {
        var judgement = ScenarioJudgement.Of(null, null, "UndefinedStep");
        (judgement.Verdict, judgement.Category, judgement.Reason).ShouldBe((ScenarioVerdict.Broken, "Suite defect", "UndefinedStep"));
        judgement.AllureDetails.Message.ShouldBe("Suite defect: the scenario ended as UndefinedStep.");
    }
}
