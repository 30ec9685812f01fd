using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>
/// One scenario's view of a backup system: the subject, the backup the Given steps chose, and what was read of it
/// (history and trees, read once). It words every failure of a check: the reader's sentence names the subject and
/// the snapshot, and carries the tail of the tool's transcript; a refusal of the system's own keeps its category.
/// </summary>
public sealed class BackupInView(IBackupSource source, SnapshotChoice choice, string evidenceName)
{
    private IReadOnlyList<Snapshot>? _history;
    private readonly Dictionary<string, SnapshotTree> _trees = [];

    public IBackupSource Source { get; } = source;

    /// <summary>The snapshot the checks looked at, once chosen.</summary>
    public Snapshot? Chosen { get; private set; }

    public async Task<IReadOnlyList<Snapshot>> HistoryAsync(CancellationToken cancellationToken) =>
        _history ??= await Guard(() => Source.SnapshotsAsync(cancellationToken));

    /// <summary>The chosen snapshot; none is a stale backup.</summary>
    public async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (Chosen is { } chosen) return chosen;
        var history = await HistoryAsync(cancellationToken);
        Chosen = choice.Pick(history) ?? throw Failure(FailureCategory.StaleBackup, choice.Expected,
            history.Count == 0 ? "no snapshot of this host and path" : $"{history.Count} snapshot(s), the newest {history[^1]}");
        return Chosen;
    }

    /// <summary>The snapshot before the chosen one, or null when the chosen one is the first.</summary>
    public async Task<Snapshot?> PreviousAsync(CancellationToken cancellationToken)
    {
        var chosen = await SnapshotAsync(cancellationToken);
        var history = await HistoryAsync(cancellationToken);
        var index = history.ToList().IndexOf(chosen);
        return index > 0 ? history[index - 1] : null;
    }

    public async Task<SnapshotTree> TreeAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        if (_trees.TryGetValue(snapshot.Id, out var tree)) return tree;
        return _trees[snapshot.Id] = await Guard(() => Source.TreeAsync(snapshot, cancellationToken));
    }

    public async Task<SnapshotTree> TreeAsync(CancellationToken cancellationToken)
    {
        if (Chosen is null && _history is null && choice == SnapshotChoice.Latest && Source is ILatestTree latest)
        {
            // The history and the newest tree at once: two reads of the repository in parallel, not in a row. The tree
            // is kept only when it is of the snapshot the history ends with (one taken in between is read again).
            var history = HistoryAsync(cancellationToken);
            var newest = Guard(() => latest.LatestTreeAsync(cancellationToken));
            await Task.WhenAll(history, newest);
            if (await newest is { } found && (await history) is { Count: > 0 } listed && listed[^1].Id == found.Snapshot.Id)
                _trees[found.Snapshot.Id] = found.Tree;
        }
        return await TreeAsync(await SnapshotAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Runs a call into the backup system; its own refusal becomes the reader's sentence with its category.</summary>
    public async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (SourceRefusedException refused)
        {
            throw Failure(refused.Category, refused.Expected, refused.Found, refused);
        }
    }

    /// <param name="about">The snapshot the failure is about when it is not the chosen one (the latest, for an age).</param>
    public CheckFailedException Failure(FailureCategory category, string expected, string found, Exception? inner = null, Snapshot? about = null) =>
        new(category, Source.Subject, (about ?? Chosen)?.ToString(), expected, found, Source.TranscriptTail(), evidenceName, inner);
}
