using NUnit.Framework;
using Reqnroll;

namespace BackupAcceptance.Suite.Support;

/// <summary>Run-wide and per-scenario housekeeping: transcripts into the test output, the summary, the session pool.</summary>
[Binding]
public sealed class ScenarioHooks(BackupContext backup, ScenarioContext scenario, FeatureContext feature, IReqnrollOutputHelper output)
{
    [AfterScenario(Order = 0)]
    public async Task AfterScenarioAsync()
    {
        if (backup.Transcript is { } transcript) output.WriteLine($"--- amrecover transcript ---\n{transcript}");
        var error = scenario.TestError;
        var reason = error is null ? "" : error.Message.Split('\n')[0];
        if (error is null && scenario.ScenarioExecutionStatus != ScenarioExecutionStatus.OK)
            reason = scenario.ScenarioExecutionStatus.ToString();
        RunSummary.Record(new ScenarioOutcome(feature.FeatureInfo.Title, scenario.ScenarioInfo.Title,
            scenario.ScenarioExecutionStatus == ScenarioExecutionStatus.OK, reason));
        await backup.DisposeAsync();
    }

    [AfterTestRun]
    public static async Task AfterTestRunAsync()
    {
        var started = SuiteRun.SessionsCreated ? SuiteRun.Sessions.Started : 0;
        if (SuiteRun.SessionsCreated) await SuiteRun.Sessions.DisposeAsync();
        Reporting.AllureRun.Finish(SuiteRun.SessionsCreated ? SuiteRun.Sessions.Options.AmrecoverPath : "amrecover");
        RunSummary.Write(SuiteSettings.ResultsDirectory(), started);
        TestContext.Progress.WriteLine($"Backup acceptance summary written to {Path.Combine(SuiteSettings.ResultsDirectory(), "summary.txt")}");
    }
}
