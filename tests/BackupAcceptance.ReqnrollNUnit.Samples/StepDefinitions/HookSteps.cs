using BackupAcceptance.ReqnrollNUnit.Samples.Support;
using NUnit.Framework;
using NUnit.Framework.Internal;
using Reqnroll;
using Shouldly;

namespace BackupAcceptance.ReqnrollNUnit.Samples.StepDefinitions;

/// <summary>Checks what the hooks did, through the objects Reqnroll injects.</summary>
[Binding]
public sealed class HookSteps(BackupJournal journal, FeatureContext feature, TestContext nunit)
{
    [Then("the before-test-run hook has run")]
    public void ThenTheBeforeTestRunHookHasRun()
    {
        SampleHooks.TestRunStarted.ShouldBeTrue();
    }

    [Then("the before-feature hook has stored the feature title")]
    public void ThenTheBeforeFeatureHookHasStoredTheFeatureTitle()
    {
        feature.Get<string>(SampleHooks.FeatureTitleKey).ShouldBe("Hooks and context injection");
    }

    [Then("the before-scenario hook has opened the journal")]
    public void ThenTheBeforeScenarioHookHasOpenedTheJournal()
    {
        journal.OpenedBy.ShouldBe("BeforeScenario");
    }

    [Then("the before-step hook has run {int} times and the after-step hook {int} time(s)")]
    public void ThenTheStepHooksHaveRun(int started, int finished)
    {
        journal.StepsStarted.ShouldBe(started);
        journal.StepsFinished.ShouldBe(finished);
    }

    [Then("the audit trail is {string}")]
    public void ThenTheAuditTrailIs(string expected)
    {
        string.Join(",", journal.AuditTrail).ShouldBe(expected);
    }

    [Then("NUnit runs this scenario on its own")]
    public void ThenNUnitRunsThisScenarioOnItsOwn()
    {
        nunit.Test.Properties.Get(PropertyNames.ParallelScope).ShouldBe(ParallelScope.None);
    }
}
