using BackupAcceptance.Suite.Reporting;
using BackupAcceptance.Suite.Run;
using Reqnroll;

namespace BackupAcceptance.Suite.Hooks;

/// <summary>Keeps what a scenario measured across runs, whatever reports the run writes: its whole counts go into the
/// run's count history (the per-disk plots and the estate page read it). After the verdict, before the outputs.</summary>
[Binding]
public sealed class HistoryHooks(SuiteRun run, ScenarioReport report, IReqnrollOutputHelper output)
{
    [AfterScenario(Order = -150)]
    public async Task RecordCountsAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var points = report.Counts.Where(c => c.Dump is not null)
            .Select(c => new CountPoint(c.Target.Config, c.Target.Host, c.Target.Disk, c.Dump!.Value.ToString(), c.Files, c.Directories, now)).ToList();
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
}
