using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.ReqnrollNUnit;
using NUnit.Framework;
using Reqnroll;

namespace BackupAcceptance.Suite.Support;

/// <summary>
/// The suite's one promise is that green means the backup was checked: a scenario with no steps, no Then step, or
/// only Then steps that checked nothing (an empty table, a sample of zero files) fails as "Nothing checked". The rule
/// runs when the scenario's last block ends, before its result is collected, so reports see the failure.
/// </summary>
[Binding]
public sealed class NothingCheckedRule(ScenarioContext scenario, CheckLedger ledger, BackupContext backup)
{
    private ScenarioDefinition? Definition =>
        scenario.ScenarioContainer.IsRegistered<ScenarioDefinition>() ? scenario.ScenarioContainer.Resolve<ScenarioDefinition>() : null;

    [BeforeScenario(Order = -1000)]
    public void RefuseScenarioWithoutSteps()
    {
        if (Definition is { Steps.Count: 0 }) throw Failure("the scenario has no steps");
    }

    [AfterStep(Order = -1000)]
    public void CountStep() => ledger.StepsRun++;

    [AfterScenarioBlock(Order = 1000)]
    public void RequireSomethingChecked()
    {
        if (scenario.ScenarioExecutionStatus != ScenarioExecutionStatus.OK) return; // already failed, for its own reason
        if (Definition is not { } definition || ledger.StepsRun < definition.Steps.Count) return; // not the last block
        if (!ledger.CheckedSomething) throw Failure(ledger.Describe());
    }

    private Exception Failure(string found)
    {
        const string expected = "at least one Then step that checked a file, a path or a dump";
        if (backup.Target is not { } target)
            return new AssertionException($"{FailureCategory.NothingChecked.Title()}: scenario '{scenario.ScenarioInfo.Title}': expected {expected}; found {found}.");
        var failure = new ExpectationFailedException(FailureCategory.NothingChecked, target, null, expected, found, backup.TranscriptTail);
        backup.Failure = failure;
        return new AssertionException(failure.Message, failure);
    }
}
