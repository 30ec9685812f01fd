using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>
/// One scenario's view of a backup system: the subject, the backup the Given steps chose, and what was read of it
/// (history and trees, read once). It words every failure of a check: the reader's sentence names the subject and
/// the snapshot in the system's own words, and carries the tail of the tool's transcript; a refusal of the system's
/// own keeps its category.
/// </summary>
public sealed class BackupInView(IBackupHistory history, SnapshotChoice choice, string evidenceName)
{
    private IReadOnlyList<Snapshot>? _history;
    private readonly Dictionary<string, SnapshotTree> _trees = [];
    private readonly Dictionary<string, BackupCount> _counts = [];

    public IBackupHistory History { get; } = history;

    /// <summary>The system as one that lists and restores its backups; one that only keeps a history cannot answer a
    /// check that needs them (a defect of the suite, which chose the rule).</summary>
    public IBackupSource Source => History as IBackupSource ?? throw Failure(FailureCategory.SuiteDefect,
        "a backup system that lists its backups' trees for this check", $"{History.Subject}, whose backups are read only by their history here");

    public BackupWords Words => History.Words;

    /// <summary>The snapshot the checks looked at, once chosen.</summary>
    public Snapshot? Chosen { get; private set; }

    public async Task<IReadOnlyList<Snapshot>> HistoryAsync(CancellationToken cancellationToken) =>
        _history ??= await Guard(() => History.SnapshotsAsync(cancellationToken));

    /// <summary>The chosen snapshot; none is a stale backup.</summary>
    public async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (Chosen is { } chosen) return chosen;
        var history = await HistoryAsync(cancellationToken);
        // None before the latest: the sentence is about the one there is, which reports file it under.
        Chosen = choice.Pick(history) ?? throw Failure(FailureCategory.StaleBackup, choice.Expected(Words),
            history.Count == 0 ? Words.None : $"{history.Count} {Words.Backup}(s), the newest {history[^1]}",
            about: choice == SnapshotChoice.BeforeLatest && history.Count > 0 ? history[^1] : null);
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
        if (Chosen is null && _history is null && choice == SnapshotChoice.Latest && History is ILatestTree latest)
            await ReadLatestAlongsideAsync(latest, cancellationToken);
        return await TreeAsync(await SnapshotAsync(cancellationToken), cancellationToken);
    }

    /// <summary>How many files and directories one backup holds: the system's own count where it keeps one
    /// (<see cref="IWholeCount"/>), else its tree's. Counted once per scenario.</summary>
    public async Task<BackupCount> CountAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        if (_counts.TryGetValue(snapshot.Id, out var count)) return count;
        if (History is IWholeCount counting) return _counts[snapshot.Id] = await Guard(() => counting.CountAsync(snapshot, cancellationToken));
        var tree = await TreeAsync(snapshot, cancellationToken);
        return _counts[snapshot.Id] = new BackupCount(tree.Files, tree.Directories);
    }

    /// <summary>The chosen backup's count; without a count of the system's own, its tree, read beside the history when
    /// that is quicker (<see cref="TreeAsync(CancellationToken)"/>).</summary>
    public async Task<BackupCount> CountAsync(CancellationToken cancellationToken)
    {
        if (History is not IWholeCount) await TreeAsync(cancellationToken);
        return await CountAsync(await SnapshotAsync(cancellationToken), cancellationToken);
    }

    /// <summary>The chosen backup's files, counted as far as <paramref name="minimum"/> where the system can stop there
    /// (<see cref="IFilesAtLeast"/>), else whole.</summary>
    public async Task<BackupCount> CountAtLeastAsync(int minimum, CancellationToken cancellationToken)
    {
        if (History is not IFilesAtLeast floor) return await CountAsync(cancellationToken);
        var snapshot = await SnapshotAsync(cancellationToken);
        return await Guard(() => floor.CountAtLeastAsync(snapshot, minimum, cancellationToken));
    }

    /// <summary>Paths of the chosen backup, looked up the system's own way where it has one (<see cref="IPathLookup"/>),
    /// else in its tree.</summary>
    /// <param name="paths">Relative to the subject, never "".</param>
    /// <returns>For each path in order, the path found, or null.</returns>
    public async Task<IReadOnlyList<FoundPath?>> FindAllAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (History is not IPathLookup lookup)
        {
            var tree = await TreeAsync(cancellationToken);
            return [.. paths.Select(p => tree.Find(p) is { } entry ? new FoundPath(entry.IsDirectory) : null)];
        }
        var snapshot = await SnapshotAsync(cancellationToken);
        return await Guard(() => lookup.FindAllAsync(snapshot, paths, cancellationToken));
    }

    /// <summary>The files below one directory of the chosen backup, counted as far as <paramref name="minimum"/> where
    /// the system can stop there (<see cref="IFilesBelow"/>), else whole from its tree; null when it holds no such
    /// directory.</summary>
    /// <param name="directory">Relative to the subject, never "".</param>
    public async Task<BackupCount?> CountBelowAtLeastAsync(string directory, int minimum, CancellationToken cancellationToken)
    {
        if (History is IFilesBelow below)
        {
            var snapshot = await SnapshotAsync(cancellationToken);
            return await Guard(() => below.CountBelowAtLeastAsync(snapshot, directory, minimum, cancellationToken));
        }
        var tree = await TreeAsync(cancellationToken);
        if (tree.Find(directory) is not { IsDirectory: true }) return null;
        var entries = tree.Below(directory).ToList();
        return new BackupCount(entries.Count(e => !e.IsDirectory), entries.Count(e => e.IsDirectory));
    }

    /// <summary>The history and the newest tree at once: two reads in parallel, not in a row. Only a speed-up: the tree
    /// is kept only when it is of the snapshot the history ends with, and its failure is never the verdict (the tree
    /// is then read again by id, which names the snapshot); a failed history stops it.</summary>
    private async Task ReadLatestAlongsideAsync(ILatestTree latest, CancellationToken cancellationToken)
    {
        using var alongside = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var newest = ReadOrNullAsync(latest, alongside.Token);
        IReadOnlyList<Snapshot> history;
        try
        {
            history = await HistoryAsync(cancellationToken);
        }
        catch
        {
            await alongside.CancelAsync();
            await newest;
            throw;
        }
        if (await newest is { } found && history.Count > 0 && history[^1].Id == found.Snapshot.Id)
            _trees[found.Snapshot.Id] = found.Tree;
    }

    private static async Task<(Snapshot Snapshot, SnapshotTree Tree)?> ReadOrNullAsync(ILatestTree latest, CancellationToken cancellationToken)
    {
        try
        {
            return await latest.LatestTreeAsync(cancellationToken);
        }
        catch (Exception)
        {
            return null; // read again by id, where a failure names the snapshot
        }
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
    /// <param name="filesCounted">The backup's files when the check counted every one (a fact monitoring reports).</param>
    public CheckFailedException Failure(FailureCategory category, string expected, string found, Exception? inner = null, Snapshot? about = null,
        int? filesCounted = null) =>
        new(category, History.Subject, (about ?? Chosen)?.ToString(), expected, found, History.TranscriptTail(), evidenceName, inner)
        {
            BackupId = (about ?? Chosen)?.Id,
            FilesCounted = filesCounted,
        };
}
