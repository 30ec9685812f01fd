using BackupAcceptance.Suite.Drivers;
using BackupAcceptance.Suite.Reporting;
using Reqnroll;

namespace BackupAcceptance.Suite.Hooks;

/// <summary>Works out the scenario's verdict once, first of the after-scenario hooks, and keeps it on its report for
/// every output (<see cref="ScenarioJudgement"/>).</summary>
[Binding]
public sealed class VerdictHooks(BackupDriver driver, ScenarioContext scenario, ScenarioReport report)
{
    [AfterScenario(Order = -200)]
    public void Judge() => report.Judgement = ScenarioJudgement.Of(driver.Failure, scenario.TestError,
        scenario.TestError is null && scenario.ScenarioExecutionStatus != ScenarioExecutionStatus.OK ? scenario.ScenarioExecutionStatus.ToString() : null);
}
