using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>Stale detection: a backup that is the same as the one before it caught no change at all. Compared the
/// system's own way where it has one (<see cref="IBackupComparison"/>), else by the two trees (names, kinds, sizes and
/// modification times), which record sizes and times, so a file rewritten under its name differs.</summary>
public static class ChangeRule
{
    /// <returns>How many paths or entries the two backups hold between them.</returns>
    public static async Task<int> RequireDifferentFromPreviousAsync(BackupInView view, CancellationToken cancellationToken)
    {
        var words = view.Words;
        if (view.History is IBackupComparison own)
        {
            var snapshot = await view.SnapshotAsync(cancellationToken);
            var earlier = await RequirePreviousAsync(view, cancellationToken);
            var difference = await view.Guard(() => own.CompareAsync(snapshot, earlier, cancellationToken));
            if (difference.Differs) return difference.Paths;
            throw view.Failure(FailureCategory.StaleBackup, $"the {words.Backup} to differ from the one before it, {earlier}", difference.Alike);
        }
        var tree = await view.TreeAsync(cancellationToken); // beside the history where the system reads both at once
        var previous = await RequirePreviousAsync(view, cancellationToken);
        var before = await view.TreeAsync(previous, cancellationToken);
        var now = tree.Entries.ToHashSet();
        if (!now.SetEquals(before.Entries)) return tree.Entries.Count + before.Entries.Count;
        throw view.Failure(FailureCategory.StaleBackup, $"a tree that differs from the previous {words.Backup} ({previous})",
            $"the same {tree.Entries.Count} entries with the same sizes and modification times");
    }

    private static async Task<Snapshot> RequirePreviousAsync(BackupInView view, CancellationToken cancellationToken) =>
        await view.PreviousAsync(cancellationToken) ?? throw view.Failure(FailureCategory.StaleBackup,
            $"a {view.Words.Backup} before this one to compare with", $"this is the first {view.Words.Backup} {view.Words.OfSubject}");
}
