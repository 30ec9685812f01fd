using System.Diagnostics;
using System.Globalization;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>
/// "Then the disk can be restored within N hours": a full restore's time, estimated by the system its own way
/// (<see cref="IRecoveryTimeEstimate"/>) or, on a system that restores a whole backup quickly enough to do it, measured:
/// the chosen backup restored whole into a private area (<see cref="WholeRestoreRules"/>, within the run's limit),
/// timed, and removed. The slower end of the range decides; 0 hours always fails (a control).
/// </summary>
public static class RecoveryTimeRules
{
    /// <param name="makeArea">Makes the area a timed whole restore lands in; removed after it.</param>
    /// <param name="limit">The most a timed whole restore may write.</param>
    public static async Task<RecoveryEstimate> RequireWithinAsync(BackupInView view, int hours, Func<IPrivateArea> makeArea, WholeRestoreLimit limit,
        CancellationToken cancellationToken)
    {
        var bound = FreshnessRules.Limit(view, hours);
        var snapshot = await view.SnapshotAsync(cancellationToken);
        var estimate = view.History is IRecoveryTimeEstimate own
            ? await view.Guard(() => own.EstimateFullRestoreAsync(snapshot, cancellationToken))
            : await TimedAsync(view, makeArea, limit, cancellationToken);
        if (estimate.Slowest <= bound) return estimate;
        throw view.Failure(FailureCategory.RecoveryTooSlow, $"a full restore within {bound.TotalHours.ToString("0.##", CultureInfo.InvariantCulture)} hours",
            estimate.How, about: snapshot);
    }

    /// <summary>The chosen backup restored whole, and timed from the restore's start to its last byte on disk.</summary>
    private static async Task<RecoveryEstimate> TimedAsync(BackupInView view, Func<IPrivateArea> makeArea, WholeRestoreLimit limit,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var whole = await WholeRestoreRules.RestoreWholeAsync(view, makeArea, limit, cancellationToken);
        var took = clock.Elapsed;
        return new RecoveryEstimate(took, took, string.Create(CultureInfo.InvariantCulture,
            $"measured full restore: {took.TotalSeconds:0.##} s for {whole.How} (one whole restore into a private area, removed after; " +
            $"not measured: a cold cache or a slower link to the repository on the day)"));
    }
}
