using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Files;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>
/// A whole backup restored at once by the system (<see cref="ITreeRestore"/>), then held against the backup's own
/// listing (every entry back, as listed, nothing else) and against the live tree (every file unchanged since the
/// backup has the live file's SHA-256, every live file older than the backup is in it). Nothing restored is quoted.
/// </summary>
public static class WholeRestoreRules
{
    /// <param name="makeArea">Makes the area the tree lands in, once the backup is chosen; removed with it if the restore
    /// fails.</param>
    /// <param name="limitKiB">The most a whole restore may write (the run's BACKUP_ACCEPTANCE_FULL_RESTORE_LIMIT_MB); it
    /// must also fit the space free where the area is.</param>
    /// <param name="limitSetting">How the reader sets that limit, for the refusal.</param>
    public static async Task<RestoredTree> RestoreWholeAsync(BackupInView view, Func<IPrivateArea> makeArea, long limitKiB, string limitSetting,
        CancellationToken cancellationToken)
    {
        if (view.Source is not ITreeRestore system)
            throw view.Failure(FailureCategory.InputError, "a backup system that restores a whole backup", $"{view.Source.Subject} cannot");
        var snapshot = await view.SnapshotAsync(cancellationToken);
        var area = makeArea();
        try
        {
            var tree = await view.TreeAsync(cancellationToken);
            if (tree.Files == 0)
                throw view.Failure(FailureCategory.HollowBackup, "files to restore", $"0 files in {Plural.Of(tree.Directories, "directory", "directories")}");
            // What the tree takes on disk: each file rounded up to a 4 KiB block, and a block for every other entry
            // (a tree of many small files takes far more than its bytes).
            var needed = tree.RegularFiles.Sum(e => (e.Size + 4095) / 4096 * 4) + 4L * (tree.Entries.Count - tree.RegularFiles.Count());
            var free = new DriveInfo(area.Path).AvailableFreeSpace / 1024;
            if (needed > limitKiB || needed > free)
                throw view.Failure(FailureCategory.RestoreFailed, $"room for a whole restore of {needed:N0} KiB (the snapshot's sizes, in 4 KiB blocks)",
                    needed > limitKiB ? $"refused: above the limit of {limitKiB:N0} KiB ({limitSetting})" : $"refused: only {free:N0} KiB free where it would land");
            string root;
            try
            {
                root = await view.Guard(() => system.RestoreTreeAsync(snapshot, area.Path, cancellationToken));
            }
            catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
            {
                throw view.Failure(FailureCategory.RestoreFailed, "the restore area to take the whole backup", $"writing it failed: {unwritable.Message}", unwritable);
            }
            return new RestoredTree(snapshot, tree, area, root);
        }
        catch
        {
            await RestoreRules.RemoveKeepingTheVerdictAsync(area);
            throw;
        }
    }

    /// <summary>The restore holds every entry of the backup's listing, of its kind (a regular file of its size), and
    /// nothing the listing does not name.</summary>
    /// <returns>The files restored as listed.</returns>
    public static async Task<int> RequireEveryEntryRestoredAsync(BackupInView view, RestoredTree restored, CancellationToken cancellationToken)
    {
        Dictionary<string, (EntryKind Kind, FileFacts Facts)> found;
        RestoreRules.RequireSameArea(view, restored.Area, restored.Snapshot);
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
        problems.AddRange(found.Keys.Where(Nameable).Order(StringComparer.Ordinal).Select(extra => $"/{extra}: restored, not in the listing"));
        if (problems.Count == 0) return files;
        throw view.Failure(FailureCategory.RestoreMismatch,
            $"the restore to hold every entry of the listing as listed ({Plural.Of(restored.Tree.Files, "file")}, " +
            $"{Plural.Of(restored.Tree.Directories, "directory", "directories")}) and nothing else",
            $"{Plural.Of(problems.Count, "difference")}: {string.Join("; ", problems.Take(20))}{(problems.Count > 20 ? "; ..." : "")}");
    }

    /// <summary>Every restored regular file unchanged live since the backup has the live file's SHA-256, and every live
    /// regular file whose inode last changed before the backup (ctime, a second's margin for the kernel's coarse clock)
    /// is in it, unless a directory above it changed since (a tree moved there after the backup: a note, as on Amanda).
    /// Mount points and CACHEDIR.TAG directories of the live tree are not walked (tools leave them out unrecorded).</summary>
    /// <param name="liveRoot">The live directory the subject's path is on this machine.</param>
    /// <returns>The files compared and the notes on those that were not.</returns>
    public static async Task<(int Compared, IReadOnlyList<string> Notes)> RequireTreeMatchesLiveAsync(BackupInView view, RestoredTree restored,
        string liveRoot, CancellationToken cancellationToken)
    {
        LiveSide.RequireComparable(view, restored.Snapshot);
        RestoreRules.RequireSameArea(view, restored.Area, restored.Snapshot);
        var notes = new List<string>();
        var mismatches = new List<string>();
        var compared = 0;
        foreach (var entry in restored.Tree.RegularFiles.Where(e => Nameable(e.Path)))
        {
            var (liveSum, why) = await RestoreRules.LiveSumAsync(liveRoot, entry, restored.Snapshot.Time, cancellationToken);
            if (liveSum is null)
            {
                notes.Add($"/{entry.Path}: {why}, not compared");
                continue;
            }
            compared++;
            var (restoredSum, unreadable) = await RestoredSumAsync(Path.Combine(restored.Root, entry.Path), cancellationToken);
            if (restoredSum != liveSum)
                mismatches.Add($"/{entry.Path}: live sha256 {liveSum} ({entry.Size} bytes), restored {(restoredSum is null ? unreadable : $"sha256 {restoredSum}")}");
        }
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
        foreach (var (path, (_, facts)) in live.Entries.Where(l => l.Value.Kind == EntryKind.RegularFile).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (restored.Tree.Find(path) is not null) continue;
            if (!facts.Complete || facts.ChangedUtc > before) notes.Add($"/{path}: new or changed since the snapshot, not compared");
            else if (Ancestors(path).FirstOrDefault(d => live.Entries.TryGetValue(d, out var dir) && dir.Facts.ChangedUtc > before) is { } moved)
                notes.Add($"/{path}: not in the snapshot, but the directory /{moved} changed since it (it may have been moved there), not compared");
            else mismatches.Add($"/{path}: a live file older than the snapshot (ctime {facts.ChangedUtc:u}) is not in it");
        }
        if (compared == 0 && mismatches.Count == 0)
            throw view.Failure(FailureCategory.NothingChecked, "at least one restored file to compare with its live file",
                $"none could be compared: {string.Join("; ", notes.Take(20))}");
        if (mismatches.Count > 0)
            throw view.Failure(FailureCategory.RestoreMismatch,
                "every file unchanged since the snapshot to have the live file's SHA-256, and every live file older than the snapshot to be restored",
                $"{Plural.Of(mismatches.Count, "mismatch", "mismatches")}: {string.Join("; ", mismatches.Take(20))}{(mismatches.Count > 20 ? "; ..." : "")}");
        return (compared, notes);
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
