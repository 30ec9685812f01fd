using BackupAcceptance.Expectations;
using BackupAcceptance.Suite.Drivers;
using BackupAcceptance.Suite.Reporting;
using BackupAcceptance.Suite.Run;
using Reqnroll;

namespace BackupAcceptance.Suite.Hooks;

/// <summary>After each scenario: its own part of its session's transcript into the test output (bounded: the output
/// goes to the test host's results, vstest.console, the TRX and the console; never the pooled session's whole history),
/// its line in the summary, its session given back and its restore area removed.</summary>
[Binding]
public sealed class ScenarioHooks(BackupDriver driver, SuiteRun run, ScenarioContext scenario, FeatureContext feature, IReqnrollOutputHelper output,
    ScenarioReport report, DiskMeasurements measurements, ScenarioTranscript transcripts)
{
    [AfterScenario(Order = 0)]
    public async Task AfterScenarioAsync()
    {
        if (driver.SessionTranscript is { } transcript)
            output.WriteLine(transcripts.OutputText(transcript,
                failed: scenario.TestError is not null || scenario.ScenarioExecutionStatus != ScenarioExecutionStatus.OK));
        var error = scenario.TestError;
        var reason = error is null ? "" : error.Message.Split('\n')[0];
        if (error is null && scenario.ScenarioExecutionStatus != ScenarioExecutionStatus.OK)
            reason = scenario.ScenarioExecutionStatus.ToString();
        var verdict = error is not null ? ScenarioVerdicts.Of(ScenarioVerdicts.Failure(driver.Failure, error))
            : scenario.ScenarioExecutionStatus == ScenarioExecutionStatus.OK ? ScenarioVerdict.Passed : ScenarioVerdict.Broken;
        measurements.Failure(driver.Failure);
        var disks = measurements.All(DateTime.Now);
        run.Summary.Record(new ScenarioOutcome(feature.FeatureInfo.Title, scenario.ScenarioInfo.Title, verdict, reason)
        {
            // For monitoring (summary.json): what the checks established, never worked out again here.
            Category = ScenarioCategory.Of(verdict, driver.Failure, error),
            Target = driver.Target ?? (driver.Estate is { Count: > 0 } estate ? BackupTarget.Estate(estate[0].Config) : null),
            DumpDate = (driver.Failure?.DumpDate ?? driver.Restored?.DumpDate ?? disks.FirstOrDefault(d => d.Target == driver.Target)?.Dump)?.ToString(),
            Tags = scenario.ScenarioInfo.CombinedTags,
            Duration = TimeSpan.FromMilliseconds(DateTimeOffset.Now.ToUnixTimeMilliseconds() - report.Start),
            Disks = disks,
        });
        await driver.DisposeAsync();
    }
}
