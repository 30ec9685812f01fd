using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Files;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>
/// A whole backup restored at once, by the core from the backup's listing (<see cref="ITreeRestore"/>) or by the system
/// its own way (<see cref="IWholeRestore"/>), then held against what it must give (every entry back, as listed,
/// nothing else) and against the live tree (every file unchanged since the backup has the live file's SHA-256, every
/// live file older than the backup is in it). Each comparison is made by the system where it has its own
/// (<see cref="IWholeRestore.CompareWithStateAsync"/>, <see cref="IRestoredComparison.CompareWholeWithLiveAsync"/>),
/// else by the core, and judged here, once, for both. Nothing restored is quoted.
/// </summary>
public static class WholeRestoreRules
{
    /// <param name="makeArea">Makes the area the tree lands in, once the backup is chosen; removed with it if the restore
    /// fails.</param>
    /// <param name="limit">The most a whole restore may write (the run's BACKUP_ACCEPTANCE_FULL_RESTORE_LIMIT_MB); it
    /// must also fit the space free where the area is.</param>
    public static async Task<RestoredWhole> RestoreWholeAsync(BackupInView view, Func<IPrivateArea> makeArea, WholeRestoreLimit limit,
        CancellationToken cancellationToken)
    {
        if (view.History is not (IWholeRestore or ITreeRestore))
            throw view.Failure(FailureCategory.InputError, "a backup system that restores a whole backup", $"{view.History.Subject} cannot");
        var snapshot = await view.SnapshotAsync(cancellationToken);
        var area = makeArea();
        try
        {
            return view.History is IWholeRestore own
                ? await OwnWayAsync(view, own, snapshot, area, limit, cancellationToken)
                : await FromListingAsync(view, (ITreeRestore)view.History, snapshot, area, limit, cancellationToken);
        }
        catch
        {
            await RestoreRules.RemoveKeepingTheVerdictAsync(area);
            throw;
        }
    }

    /// <summary>What the system hands back is held to what was asked: the chosen backup, in the area made for it.</summary>
    private static async Task<RestoredWhole> OwnWayAsync(BackupInView view, IWholeRestore system, Snapshot snapshot, IPrivateArea area,
        WholeRestoreLimit limit, CancellationToken cancellationToken)
    {
        var restored = await view.Guard(() => system.RestoreWholeAsync(snapshot, area, limit, cancellationToken));
        var problem = !ReferenceEquals(restored.Area, area) ? "a restore into another area than the one made for it"
            : restored.Snapshot.Id != snapshot.Id ? $"a restore of {restored.Snapshot}, not of {snapshot}"
            : Outside(area, restored.Root) ? $"its root {restored.Root} outside the restore area"
            : restored.Files < 1 ? $"a restore said to give {Plural.Of(restored.Files, "file")} (a hollow backup is the system's to refuse)"
            : null;
        if (problem is null) return restored;
        if (!ReferenceEquals(restored.Area, area)) await RestoreRules.RemoveKeepingTheVerdictAsync(restored.Area);
        throw view.Failure(FailureCategory.SuiteDefect, $"the whole {view.Words.Backup} restored into the private area", problem);
    }

    /// <summary>The root is not the area or below it ("area/..", "area/x/../.."), or names a "." or ".." step at all (the
    /// kernel would follow a link the text resolves away: "area/link/../y").</summary>
    private static bool Outside(IPrivateArea area, string root)
    {
        if (root.Split('/').Any(step => step is "." or "..")) return true;
        var relative = Path.GetRelativePath(Path.GetFullPath(area.Path), Path.GetFullPath(root));
        return relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative);
    }

    private static async Task<RestoredWhole> FromListingAsync(BackupInView view, ITreeRestore system, Snapshot snapshot, IPrivateArea area,
        WholeRestoreLimit limit, CancellationToken cancellationToken)
    {
        var tree = await view.TreeAsync(cancellationToken);
        if (tree.Files == 0)
            throw view.Failure(FailureCategory.HollowBackup, "files to restore", $"0 files in {Plural.Of(tree.Directories, "directory", "directories")}");
        // What the tree takes on disk: each file rounded up to a 4 KiB block, and a block for every other entry
        // (a tree of many small files takes far more than its bytes).
        var needed = tree.RegularFiles.Sum(e => (e.Size + 4095) / 4096 * 4) + 4L * (tree.Entries.Count - tree.RegularFiles.Count());
        var free = new DriveInfo(area.Path).AvailableFreeSpace / 1024;
        if (needed > limit.KiB || needed > free)
            throw view.Failure(FailureCategory.RestoreFailed, $"room for a whole restore of {needed:N0} KiB (the snapshot's sizes, in 4 KiB blocks)",
                needed > limit.KiB ? $"refused: above the limit of {limit.KiB:N0} KiB ({limit.Setting})" : $"refused: only {free:N0} KiB free where it would land");
        string root;
        try
        {
            root = await view.Guard(() => system.RestoreTreeAsync(snapshot, area.Path, cancellationToken));
        }
        catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
        {
            throw view.Failure(FailureCategory.RestoreFailed, "the restore area to take the whole backup", $"writing it failed: {unwritable.Message}", unwritable);
        }
        if (Outside(area, root))
            throw view.Failure(FailureCategory.SuiteDefect, $"the whole {view.Words.Backup} restored into the private area", $"its root {root} outside the restore area");
        return new RestoredTree(snapshot, tree, area, root);
    }

    /// <summary>The restore holds everything it must give, each entry of its kind (a regular file of its size, where the
    /// system knows it), and nothing else.</summary>
    /// <returns>The comparison, for the report.</returns>
    /// <param name="onCompared">Called with the comparison before a difference fails it: the report lists them all, the
    /// failure message only the first few.</param>
    public static async Task<WholeRestoreComparison> RequireEveryEntryRestoredAsync(BackupInView view, RestoredWhole restored,
        CancellationToken cancellationToken, Action<WholeRestoreComparison>? onCompared = null)
    {
        RestoreRules.RequireSameArea(view, restored.Area, restored.Snapshot);
        var comparison = restored is RestoredTree tree ? await CompareWithListingAsync(view, tree, cancellationToken)
            : view.History is IWholeRestore own ? await view.Guard(() => own.CompareWithStateAsync(restored, cancellationToken))
            : throw view.Failure(FailureCategory.SuiteDefect, "a whole restore the system can compare", $"a {restored.GetType().Name}", about: restored.Snapshot);
        onCompared?.Invoke(comparison);
        if (comparison.Differences.Count == 0) return comparison;
        throw view.Failure(FailureCategory.RestoreMismatch, $"the restore to hold {comparison.Expected} and nothing else",
            $"{Plural.Of(comparison.Differences.Count, "difference")}: {string.Join("; ", comparison.Differences.Take(20))}" +
            $"{(comparison.Differences.Count > 20 ? "; ..." : "")}", about: restored.Snapshot);
    }

    private static async Task<WholeRestoreComparison> CompareWithListingAsync(BackupInView view, RestoredTree restored, CancellationToken cancellationToken)
    {
        Dictionary<string, (EntryKind Kind, FileFacts Facts)> found;
        try
        {
            found = (await Task.Run(() => TreeWalk.Of(restored.Root, live: false, cancellationToken), cancellationToken)).Entries;
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            throw view.Failure(FailureCategory.RestoreFailed, "the restored tree readable whole", unreadable.Message, unreadable);
        }
        var problems = new List<string>();
        var files = 0;
        // A socket is listed but never restored (restic and GNU tar both leave it out): not looked for.
        foreach (var entry in restored.Tree.Entries.Where(e => Nameable(e.Path) && e.Kind != EntryKind.Socket))
        {
            if (!found.Remove(entry.Path, out var got)) problems.Add($"/{entry.Path}: not restored");
            else if (got.Kind != entry.Kind) problems.Add($"/{entry.Path}: restored as {Describe(got.Kind)}, listed as {Describe(entry.Kind)}");
            else if (entry.Kind == EntryKind.RegularFile && got.Facts.Size != entry.Size) problems.Add($"/{entry.Path}: {got.Facts.Size} bytes restored, {entry.Size} backed up");
            else if (entry.Kind != EntryKind.Directory) files++;
        }
        var extras = found.Keys.Where(Nameable).Order(StringComparer.Ordinal).Select(extra => $"/{extra}: restored, not in the listing").ToList();
        // The first ten of each kind lead, so a message that shows twenty names both.
        problems = [.. problems.Take(10), .. extras.Take(10), .. problems.Skip(10), .. extras.Skip(10)];
        return new WholeRestoreComparison(
            $"every entry of the listing as listed ({Plural.Of(restored.Tree.Files, "file")}, {Plural.Of(restored.Tree.Directories, "directory", "directories")})",
            files, problems);
    }

    /// <summary>The restored tree against the live one, compared by the system where it reads its live side itself
    /// (<see cref="IRestoredComparison"/>), else by the core under <paramref name="liveRoot"/>: none compared is
    /// nothing checked, a mismatch or a live file older than the backup missing from it a restore mismatch.</summary>
    /// <param name="liveRoot">The live directory the subject's path is on this machine; null for a system that reads
    /// its live side itself.</param>
    /// <param name="onCompared">Called with the comparison before a mismatch fails it: the report shows every mismatch,
    /// the failure message only the first few.</param>
    public static async Task<RestoreComparison> RequireTreeMatchesLiveAsync(BackupInView view, RestoredWhole restored, string? liveRoot,
        CancellationToken cancellationToken, Action<RestoreComparison>? onCompared = null)
    {
        RestoreRules.RequireSameArea(view, restored.Area, restored.Snapshot);
        RestoreComparison comparison;
        if (view.History is IRestoredComparison own) comparison = await view.Guard(() => own.CompareWholeWithLiveAsync(restored, cancellationToken));
        else
        {
            LiveSide.RequireComparable(view, restored.Snapshot);
            if (restored is not RestoredTree tree || liveRoot is null)
                throw view.Failure(FailureCategory.SuiteDefect, "a restored listing and the live directory to compare it with",
                    liveRoot is null ? "no live directory given" : $"a {restored.GetType().Name}", about: restored.Snapshot);
            comparison = await CompareHereAsync(view, tree, liveRoot, cancellationToken);
        }
        onCompared?.Invoke(comparison);
        if (comparison.Compared == 0)
            throw view.Failure(FailureCategory.NothingChecked, "at least one restored file to compare with its live file",
                $"none could be compared: {string.Join("; ", comparison.NotCompared.Take(20))}", about: restored.Snapshot);
        if (comparison.Mismatches.Count > 0)
            throw view.Failure(FailureCategory.RestoreMismatch,
                $"every file unchanged since the {view.Words.Backup} to have the live file's SHA-256, and every live file older than the {view.Words.Backup} to be restored",
                $"{Plural.Of(comparison.Mismatches.Count, "mismatch", "mismatches")}: {string.Join("; ", comparison.Mismatches.Take(20))}" +
                $"{(comparison.Mismatches.Count > 20 ? "; ..." : "")}", about: restored.Snapshot);
        return comparison;
    }

    /// <summary>Every restored regular file unchanged live since the backup against the live file's SHA-256, and every
    /// live regular file whose inode last changed before the backup (ctime, a second's margin for the kernel's coarse
    /// clock) looked for in it, unless a directory above it changed since (a tree moved there after the backup: a note,
    /// as on Amanda). Mount points and CACHEDIR.TAG directories of the live tree are not walked (tools leave them out
    /// unrecorded).</summary>
    private static async Task<RestoreComparison> CompareHereAsync(BackupInView view, RestoredTree restored, string liveRoot,
        CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var matches = new List<string>();
        var mismatches = new List<string>();
        foreach (var entry in restored.Tree.RegularFiles.Where(e => Nameable(e.Path)))
        {
            var (liveSum, why) = await RestoreRules.LiveSumAsync(liveRoot, entry, restored.Snapshot.Time, cancellationToken);
            if (liveSum is null)
            {
                notes.Add($"/{entry.Path}: {why}, not compared");
                continue;
            }
            var (restoredSum, unreadable) = await RestoredSumAsync(Path.Combine(restored.Root, entry.Path), cancellationToken);
            if (restoredSum == liveSum) matches.Add($"/{entry.Path} {liveSum}");
            else mismatches.Add($"/{entry.Path}: live sha256 {liveSum} ({entry.Size} bytes), restored {(restoredSum is null ? unreadable : $"sha256 {restoredSum}")}");
        }
        var restoredCompared = matches.Count + mismatches.Count;
        TreeWalk live;
        try
        {
            live = await Task.Run(() => TreeWalk.Of(liveRoot, live: true, cancellationToken), cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            throw view.Failure(FailureCategory.SuiteDefect, $"the live directory {liveRoot} readable whole", unreadable.Message, unreadable);
        }
        notes.AddRange(live.Skipped);
        var before = restored.Snapshot.Time.UtcDateTime - TimeSpan.FromSeconds(1);
        var absent = 0;
        foreach (var (path, (_, facts)) in live.Entries.Where(l => l.Value.Kind == EntryKind.RegularFile).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (restored.Tree.Find(path) is not null) continue;
            if (!facts.Complete || facts.ChangedUtc > before) notes.Add($"/{path}: new or changed since the snapshot, not compared");
            else if (Ancestors(path).FirstOrDefault(d => live.Entries.TryGetValue(d, out var dir) && dir.Facts.ChangedUtc > before) is { } moved)
                notes.Add($"/{path}: not in the snapshot, but the directory /{moved} changed since it (it may have been moved there), not compared");
            else
            {
                absent++;
                mismatches.Add($"/{path}: a live file older than the snapshot (ctime {facts.ChangedUtc:u}) is not in it");
            }
        }
        string[] header =
        [
            $"live side: {liveRoot} on this machine",
            $"compared {Plural.Of(restoredCompared, "restored file")} by SHA-256 and looked for every live file older than the snapshot; " +
            $"{absent} missing, {notes.Count} not compared",
        ];
        return new RestoreComparison(header, matches, mismatches, notes, restoredCompared + absent);
    }

    /// <summary>The restored file's SHA-256, or null and why it could not be read (not restored, not a regular file).</summary>
    private static async Task<(string? Sum, string Why)> RestoredSumAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await RawFiles.Sha256Async(System.Text.Encoding.UTF8.GetBytes(path), cancellationToken), "");
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return (null, $"not readable ({unreadable.Message})");
        }
    }

    /// <summary>The directories above a relative path, the root left out ("a/b/c": "a/b", "a").</summary>
    private static IEnumerable<string> Ancestors(string path)
    {
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1)) yield return path[..slash];
    }

    private static string Describe(EntryKind kind) => kind switch
    {
        EntryKind.Directory => "a directory",
        EntryKind.RegularFile => "a regular file",
        _ => "a link or special file",
    };

    /// <summary>A name the system printed with U+FFFD for bytes that are not UTF-8 cannot be matched by name.</summary>
    private static bool Nameable(string path) => !path.Contains('\uFFFD', StringComparison.Ordinal);
}
