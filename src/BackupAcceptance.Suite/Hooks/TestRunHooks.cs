using BackupAcceptance.Expectations.Settings;
using BackupAcceptance.Suite.Reporting;
using BackupAcceptance.Suite.Run;
using NUnit.Framework;
using Reqnroll;

namespace BackupAcceptance.Suite.Hooks;

/// <summary>Makes the run's shared objects before the first scenario and registers them in Reqnroll's test-run
/// container (scenarios get them by constructor injection); ends them after the last.</summary>
[Binding]
public sealed class TestRunHooks
{
    [BeforeTestRun(Order = -100)]
    public static async Task StartRunAsync(ITestRunContext context)
    {
        var settings = Settings(); // read and checked once; a bad one stops the run here, named in the summary
        ResultsModes.Apply(settings); // before anything is written
        RunWatchdog.Start();  // before any child is started
        SettingsRecord.Write(SuiteSettings.ResultsDirectory(settings), settings);
        // The histories the run writes itself, whatever reports it makes.
        var counts = CountHistory.At(settings, AllureReport.RepositoryRoot());
        var estate = new EstateNight(EstateHistory.At(settings, AllureReport.RepositoryRoot()), DateTimeOffset.Now);
        var report = AllureReport.Start(settings, counts, estate); // a malformed allure-config.json stops the run here, with its own message
        context.TestRunContainer.RegisterInstanceAs(report);
        var run = new SuiteRun(settings, settings.Amrecover(), report, counts, estate);
        // Restore areas of runs that died (SIGKILL) are removed before this run makes its own; bounded per area.
        foreach (var swept in await Amanda.Restoring.RestoreAreaSweep.SweepAsync(run.Sessions.Options.RestoreRoot, CancellationToken.None))
            TestContext.Progress.WriteLine($"Removed the restore area of a run that died: {swept}");
        run.ShowProgress();
        context.TestRunContainer.RegisterInstanceAs(run);
    }

    /// <summary>The run's settings, or an input error: each bad one in summary.txt as a BROKEN line (exit 2).</summary>
    private static RunSettings Settings()
    {
        try
        {
            return SuiteSettings.Current.Validated();
        }
        catch (SettingsException refused)
        {
            ResultsModes.ApplyStrictest();
            SettingsRecord.WriteRefusal(SuiteSettings.ResultsDirectory(SuiteSettings.Current), refused);
            throw;
        }
    }

    [AfterTestRun]
    public static async Task FinishRunAsync(ITestRunContext context)
    {
        if (!context.TestRunContainer.IsRegistered<SuiteRun>()) return; // the start failed, and said why
        var run = context.TestRunContainer.Resolve<SuiteRun>();
        var summary = await run.FinishAsync();
        await TestContext.Progress.WriteLineAsync($"Backup acceptance summary written to {summary}");
        // The run writes its estate page beside the Allure results; the report attaches it.
        var (estate, html) = await EstatePageFile.For(run.Settings, run.Estate, run.Counts, run.Report.Config.ReportTitle,
            Path.GetDirectoryName(run.Report.Writer.Directory)!).WriteAsync(CancellationToken.None);
        run.Report.AttachEstatePage(html);
        await TestContext.Progress.WriteLineAsync($"Estate page written to {estate}");
    }
}
