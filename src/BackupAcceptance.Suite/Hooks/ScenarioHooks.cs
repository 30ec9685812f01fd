using BackupAcceptance.Expectations.Failures;
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
public sealed class ScenarioHooks(BackupDriver driver, RestoreDriver restores, SuiteRun run, ScenarioContext scenario, FeatureContext feature, IReqnrollOutputHelper output,
    ScenarioReport report, DiskMeasurements measurements, ScenarioTranscript transcripts)
{
    [AfterScenario(Order = 0)]
    public async Task AfterScenarioAsync()
    {
        var judgement = report.Judgement;
        if (driver.SessionTranscript is { } transcript)
            output.WriteLine(transcripts.OutputText(transcript, failed: judgement.Verdict != ScenarioVerdict.Passed));
        measurements.Failure(driver.Failure);
        var disks = measurements.All(DateTime.Now);
        run.Summary.Record(new ScenarioOutcome(feature.FeatureInfo.Title, scenario.ScenarioInfo.Title, judgement.Verdict, judgement.Reason)
        {
            // For monitoring (summary.json): what the checks established, never worked out again here.
            Category = judgement.Category,
            Target = driver.Target ?? (driver.Estate is { Count: > 0 } estate ? BackupTarget.Estate(estate[0].Config) : null),
            DumpDate = ((judgement.Failure as ExpectationFailedException)?.DumpDate ?? driver.DumpSeen ?? disks.FirstOrDefault(d => d.Target == driver.Target)?.Dump)?.ToString(),
            Tags = scenario.ScenarioInfo.CombinedTags,
            Duration = TimeSpan.FromMilliseconds(DateTimeOffset.Now.ToUnixTimeMilliseconds() - report.Start),
            Disks = disks,
        });
        try
        {
            await restores.DisposeAsync();
        }
        finally
        {
            await driver.DisposeAsync(); // the session given back even when removing the restore failed
        }
    }
}
