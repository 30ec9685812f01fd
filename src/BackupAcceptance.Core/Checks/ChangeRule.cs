using BackupAcceptance.Core.Failures;

namespace BackupAcceptance.Core.Checks;

/// <summary>Stale detection: a backup whose tree (names, kinds, sizes and modification times) is the same as the one
/// before it caught no change at all. A tree records sizes and times, so a file rewritten under its name differs.</summary>
public static class ChangeRule
{
    public static async Task<int> RequireDifferentFromPreviousAsync(BackupInView view, CancellationToken cancellationToken)
    {
        var tree = await view.TreeAsync(cancellationToken);
        var previous = await view.PreviousAsync(cancellationToken) ?? throw view.Failure(FailureCategory.StaleBackup,
            "a snapshot before this one to compare with", "this is the first snapshot of this host and path");
        var before = await view.TreeAsync(previous, cancellationToken);
        var now = tree.Entries.ToHashSet();
        if (!now.SetEquals(before.Entries)) return tree.Entries.Count + before.Entries.Count;
        throw view.Failure(FailureCategory.StaleBackup, $"a tree that differs from the previous snapshot ({previous})",
            $"the same {tree.Entries.Count} entries with the same sizes and modification times");
    }
}
