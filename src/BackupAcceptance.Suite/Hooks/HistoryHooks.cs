using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Suite.Drivers;
using BackupAcceptance.Suite.Reporting;
using BackupAcceptance.Suite.Run;
using Reqnroll;

namespace BackupAcceptance.Suite.Hooks;

/// <summary>Keeps what a scenario measured and concluded across runs, whatever reports the run writes: its whole counts
/// go into the run's count history (the per-disk plots and the estate page read it), its word on its disk into the
/// estate history (the estate page). After the verdict, before the outputs.</summary>
[Binding]
public sealed class HistoryHooks(SuiteRun run, ScenarioReport report, BackupDriver driver, ScenarioContext scenario, FeatureContext feature,
    IReqnrollOutputHelper output)
{
    [AfterScenario(Order = -150)]
    public async Task RecordAsync()
    {
        await CountsAsync();
        await EstateAsync();
    }

    private async Task CountsAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var points = report.Counts.Where(c => c.Dump is not null)
            .Select(c => new CountPoint(c.Target.Config, c.Target.Host, c.Target.Disk, c.Dump!.Value.ToString(), c.Files, c.Directories, now))
            .Concat(report.TreeCounts).ToList();
        if (points.Count == 0) return;
        try
        {
            await run.Counts.RecordAsync(points, CancellationToken.None);
        }
        catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
        {
            // The trend is a view of the checks, not a check: a history that cannot be written loses tonight's point,
            // never the verdict.
            report.CountHistoryProblem = $"count history {run.Counts.Path} not written (tonight's counts are missing from the plot): {unwritable.Message}";
            output.WriteLine(report.CountHistoryProblem);
        }
    }

    /// <summary>The scenario's word on its disk, its restic path, or the whole estate, for the estate page: verdict,
    /// category, the newest count and the age of the dump or snapshot. Scenarios that never named one say nothing.</summary>
    private async Task EstateAsync()
    {
        var judgement = report.Judgement;
        if (driver.RepositoryColumns is var (repository, repositoryHost, path))
        {
            var snapshot = driver.ChosenSnapshot;
            var tree = report.TreeCounts.LastOrDefault();
            await KeepAsync(new EstateRecord(run.Estate.RunId, run.Estate.Night, repository, repositoryHost, path, Title(), judgement.StatusWord,
                judgement.Category, tree?.Files, snapshot is null ? null : BackupDriver.HistoryDump(snapshot),
                snapshot is null ? null : Math.Round(Math.Max(0, (DateTimeOffset.UtcNow - snapshot.Time).TotalHours), 1)));
            return;
        }
        var (config, host, disk) = driver.Target is { IsEstate: false } target ? (target.Config, target.Host, target.Disk)
            : driver.Estate is { Count: > 0 } estate ? (estate[0].Config, "every disk", "")
            : default;
        if (config is null) return;
        var counted = report.Counts.Where(c => c.Target.Disk == disk && c.Target.Host == host && c.Dump is not null).MaxBy(c => c.Dump);
        var dump = counted?.Dump ?? (judgement.Failure as ExpectationFailedException)?.DumpDate ?? driver.DumpSeen;
        await KeepAsync(new EstateRecord(run.Estate.RunId, run.Estate.Night, config, host, disk, Title(),
            judgement.StatusWord, judgement.Category, counted?.Files, dump?.ToString(), dump is { } date ? Math.Round(date.AgeAt(DateTime.Now).TotalHours, 1) : null));
    }

    private string Title() => $"{feature.FeatureInfo.Title} / {scenario.ScenarioInfo.Title}";

    private async Task KeepAsync(EstateRecord record)
    {
        try
        {
            await run.Estate.RecordAsync([record], CancellationToken.None);
        }
        catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
        {
            // The estate page is a view of the checks, not a check: tonight's column is kept in memory all the same.
        }
    }
}
