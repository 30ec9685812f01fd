using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>The backup system's own check of its store (restic check): errors it reports are a damaged repository,
/// whatever the trees say.</summary>
public static class RepositoryRule
{
    /// <param name="readDataPercent">The share of the data to read back, from 1 to 100; null: the structure only.</param>
    public static async Task RequireCleanAsync(BackupInView view, int? readDataPercent, CancellationToken cancellationToken)
    {
        var share = readDataPercent is { } percent ? StepBounds.Require(view, percent, 1, 100, "a share of the data in percent") : 0;
        // The scenario is about a host and path: a clean store that holds no snapshot of it vouches for nothing.
        await view.SnapshotAsync(cancellationToken);
        if (view.Source is not IRepositoryCheck checkable)
            throw view.Failure(FailureCategory.InputError, "a backup system that checks its own store", $"{view.Source.Subject} has no such check");
        var errors = await view.Guard(() => checkable.CheckRepositoryAsync(share, cancellationToken));
        if (errors is null) return;
        throw view.Failure(FailureCategory.RepositoryDamaged,
            share == 0 ? "the repository's own check to find no error" : $"the repository's own check, reading {share}% of its data, to find no error",
            errors);
    }
}
