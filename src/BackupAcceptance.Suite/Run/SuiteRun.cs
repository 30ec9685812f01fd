using System.Diagnostics;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Settings;
using BackupAcceptance.Suite.Reporting;

namespace BackupAcceptance.Suite.Run;

/// <summary>
/// What one test run owns and every scenario shares: the amrecover session pool (a few sessions per configuration and host, moved between disks, not one per step),
/// the Allure report and the console summary. Made before the first scenario (Hooks/TestRunHooks) and registered in
/// Reqnroll's test-run container, so scenarios get it by constructor injection; nothing of it is static.
/// </summary>
public sealed class SuiteRun(RunSettings settings, AmrecoverOptions options, AllureReport report, CountHistory counts, EstateNight estate)
{
    /// <summary>Every whole count of every run, written by the run itself (Hooks/HistoryHooks), whatever reports it writes.</summary>
    public CountHistory Counts => counts;

    /// <summary>Every scenario's word on its disk, tonight's and the past nights' (the estate page), written by the run
    /// itself (Hooks/HistoryHooks).</summary>
    public EstateNight Estate => estate;

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    /// <summary>The run's settings, checked once at its start.</summary>
    public RunSettings Settings => settings;

    public SessionPool Sessions { get; } = settings.NewSessionPool(options, Environment.GetEnvironmentVariable);

    public AllureReport Report => report;

    public RunSummary Summary { get; } = new();

    /// <summary>The progress line for run.sh at a terminal (BACKUP_ACCEPTANCE_PROGRESS), or null.</summary>
    private ProgressFile? _progress;

    public void ShowProgress() => _progress ??= ProgressFile.Start(Environment.GetEnvironmentVariable, Sessions.Progress);

    /// <summary>Ctrl-C, SIGTERM or the run's time limit: every scenario's checks run under its token.</summary>
    public RunInterruption Interruption { get; } = new(settings.Seconds(SettingCatalogue.RunTimeout));

    /// <summary>Ends the run: every session quits, environment.properties, summary.txt and summary.json are written.</summary>
    /// <returns>Where the summary went.</returns>
    public async Task<string> FinishAsync()
    {
        if (_progress is not null) await _progress.DisposeAsync();
        var started = Sessions.Started;
        var walks = Sessions.Walks;
        await Sessions.DisposeAsync();
        var time = new RunTime(_clock.Elapsed, options.Time.Waited, options.Time.Summed);
        report.Finish(options.AmrecoverPath, settings);
        var part = ScenarioShard.FromEnvironment(Environment.GetEnvironmentVariable)?.ToString();
        var results = SuiteSettings.ResultsDirectory(settings);
        var written = Summary.Write(results, started, walks, time, Interruption.Reason, part);
        SummaryJson.Write(results, SummaryJson.Document(Summary.Outcomes, _started, DateTimeOffset.UtcNow,
            Environment.MachineName, started, Interruption.Reason, part));
        Interruption.Dispose(); // only now: a second Ctrl-C before the summary is written must not end the process
        return written;
    }
}
