using BackupAcceptance.ReqnrollNUnit;
using BackupAcceptance.Suite.Drivers;
using Reqnroll;

namespace BackupAcceptance.Suite.Hooks;

/// <summary>
/// The suite's one promise is that green means the backup was checked: a scenario with no steps, no Then step, only
/// Then steps that checked nothing, or a When step whose result no Then step judged fails as "Nothing checked". The
/// rule runs when the scenario's last block ends, before its result is collected, so reports see the failure.
/// </summary>
[Binding]
public sealed class NothingCheckedRule(ScenarioContext scenario, CheckLedger ledger, BackupDriver driver, SamplingDriver sampling, RestoreDriver restores)
{
    private ScenarioDefinition? Definition =>
        scenario.ScenarioContainer.IsRegistered<ScenarioDefinition>() ? scenario.ScenarioContainer.Resolve<ScenarioDefinition>() : null;

    [BeforeScenario(Order = -1000)]
    public void RefuseScenarioWithoutSteps()
    {
        if (Definition is { Steps.Count: 0 }) throw driver.NothingChecked("the scenario has no steps");
    }

    [AfterStep(Order = -1000)]
    public void CountStep() => ledger.StepsRun++;

    [AfterScenarioBlock(Order = 1000)]
    public void RequireSomethingChecked()
    {
        if (scenario.ScenarioExecutionStatus != ScenarioExecutionStatus.OK) return; // already failed, for its own reason
        if (Definition is not { } definition || ledger.StepsRun < definition.Steps.Count) return; // not the last block
        var found = !ledger.CheckedSomething ? ledger.Describe() : sampling.Unjudged ?? restores.Unjudged;
        if (found is not null) throw driver.NothingChecked(found);
    }
}
