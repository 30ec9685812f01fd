using BackupAcceptance.Suite.Drivers;
using BackupAcceptance.Suite.Reporting;
using BackupAcceptance.Suite.Run;
using Reqnroll;

namespace BackupAcceptance.Suite.Hooks;

/// <summary>After each scenario: its transcript into the test output, its line in the summary, its session given back
/// and its restore area removed.</summary>
[Binding]
public sealed class ScenarioHooks(BackupDriver driver, SuiteRun run, ScenarioContext scenario, FeatureContext feature, IReqnrollOutputHelper output)
{
    [AfterScenario(Order = 0)]
    public async Task AfterScenarioAsync()
    {
        if (driver.Transcript is { } transcript) output.WriteLine($"--- amrecover transcript ---\n{transcript}");
        var error = scenario.TestError;
        var reason = error is null ? "" : error.Message.Split('\n')[0];
        if (error is null && scenario.ScenarioExecutionStatus != ScenarioExecutionStatus.OK)
            reason = scenario.ScenarioExecutionStatus.ToString();
        var verdict = error is not null ? ScenarioVerdicts.Of(ScenarioVerdicts.Failure(driver.Failure, error))
            : scenario.ScenarioExecutionStatus == ScenarioExecutionStatus.OK ? ScenarioVerdict.Passed : ScenarioVerdict.Broken;
        run.Summary.Record(new ScenarioOutcome(feature.FeatureInfo.Title, scenario.ScenarioInfo.Title, verdict, reason));
        await driver.DisposeAsync();
    }
}
