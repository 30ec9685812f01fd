using System.Security.Cryptography;
using System.Text.RegularExpressions;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Files;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>
/// Restores and what is judged of them: a seeded random pick of regular files or one chosen file, restored by the
/// backup system (which checks what it reads), then compared with the live file, matched against a pattern, or
/// dated. Nothing restored is ever quoted: a failure gives sizes and SHA-256 sums.
/// </summary>
public static class RestoreRules
{
    /// <param name="makeArea">Makes the area the files land in, once the step's input is checked and the backup chosen
    /// (a refusal of the restore root then names the backup); the area is removed with them if the restore fails.</param>
    public static async Task<RestoredSet> RestoreRandomAsync(BackupInView view, int count, int seed, Func<IPrivateArea> makeArea,
        CancellationToken cancellationToken)
    {
        var bounded = StepBounds.Require(view, count, 1, StepBounds.MaximumRandomFiles, "a number of files to restore");
        await view.SnapshotAsync(cancellationToken);
        var area = makeArea();
        try
        {
            return await PickAndRestoreAsync(view, bounded, seed, area, cancellationToken);
        }
        catch
        {
            await RemoveKeepingTheVerdictAsync(area);
            throw;
        }
    }

    private static async Task<RestoredSet> PickAndRestoreAsync(BackupInView view, int count, int seed, IPrivateArea area,
        CancellationToken cancellationToken)
    {
        if (view.History is IFilesRestore own) return await OwnWayAsync(view, own, new FileChoice.Random(count, seed), area, cancellationToken);
        var tree = await view.TreeAsync(cancellationToken);
        // A name the system could not print as UTF-8 (restic's JSON puts U+FFFD for the bytes) cannot be asked back.
        var files = tree.RegularFiles.Where(e => !e.Path.Contains('\uFFFD', StringComparison.Ordinal))
            .OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw view.Failure(FailureCategory.HollowBackup, $"{Plural.Of(count, "regular file")} to restore",
                $"{tree.Files} files ({tree.Files - files.Count} not regular) in {tree.Directories} directories");
        var random = new Random(seed);
        var picked = files.OrderBy(_ => random.Next()).Take(count).ToList();
        return await RestoreAsync(view, picked, area, seed, $"drawn from all {Plural.Of(files.Count, "regular file")} of the {view.Words.Backup}",
            cancellationToken);
    }

    /// <summary>Files the system picks and restores itself (<see cref="IFilesRestore"/>), on the chosen backup. What it
    /// hands back is held to what was asked: the chosen backup, as many files as the choice allows, each in the area
    /// (a file read from anywhere else would be judged as restored).</summary>
    private static async Task<RestoredSet> OwnWayAsync(BackupInView view, IFilesRestore system, FileChoice choice, IPrivateArea area,
        CancellationToken cancellationToken)
    {
        var snapshot = await view.SnapshotAsync(cancellationToken);
        var restored = await view.Guard(() => system.RestoreAsync(snapshot, choice, area, cancellationToken));
        var most = choice is FileChoice.Random random ? random.Count : 1;
        var inside = System.Text.Encoding.UTF8.GetBytes(area.Path.TrimEnd('/') + "/");
        var problem = !ReferenceEquals(restored.Area, area) ? "files in another area than the one made for them"
            : restored.Snapshot.Id != snapshot.Id ? $"files of {restored.Snapshot}, not of {snapshot}"
            : restored.Files.Count == 0 || restored.Files.Count > most ? $"{Plural.Of(restored.Files.Count, "file")} for a choice of at most {most}"
            : restored.Files.FirstOrDefault(f => !f.Location.AsSpan().StartsWith(inside) || f.Location.AsSpan().IndexOf("/../"u8) >= 0) is { } outside
                ? $"/{outside.Entry.Path} outside the restore area"
            : null;
        if (problem is null) return restored;
        // The caller removes the area made; another area the system used is removed here.
        if (!ReferenceEquals(restored.Area, area)) await RemoveKeepingTheVerdictAsync(restored.Area);
        throw view.Failure(FailureCategory.SuiteDefect, $"the files asked for ({choice}), restored into the private area", problem);
    }

    /// <summary>The area is still the one made: else what is in it was not restored, and nothing is read (this machine's
    /// trouble, not the backup's).</summary>
    internal static void RequireSameArea(BackupInView view, IPrivateArea area, Snapshot about)
    {
        try
        {
            area.Verify();
        }
        catch (Exception changed)
        {
            throw view.Failure(FailureCategory.RestoreFailed, $"the restore area {area.Path} to be the directory made for the restore",
                changed.Message, changed, about: about);
        }
    }

    /// <summary>Removes the area on the way out of a failed restore; a removal that fails too must not hide the failure
    /// being reported (the run's sweep removes what is left).</summary>
    internal static async Task RemoveKeepingTheVerdictAsync(IPrivateArea area)
    {
        try
        {
            await area.DisposeAsync();
        }
        catch (Exception)
        {
            // Deliberately swallowed: the exception on its way out is the verdict; this one only says rm failed.
        }
    }

    /// <param name="makeArea">As for <see cref="RestoreRandomAsync"/>.</param>
    public static async Task<RestoredSet> RestoreFileAsync(BackupInView view, string path, Func<IPrivateArea> makeArea, CancellationToken cancellationToken)
    {
        var relative = RelativePath.Of(view, path);
        await view.SnapshotAsync(cancellationToken);
        var area = makeArea();
        try
        {
            return await RestoreOneAsync(view, relative, area, cancellationToken);
        }
        catch
        {
            await RemoveKeepingTheVerdictAsync(area);
            throw;
        }
    }

    private static async Task<RestoredSet> RestoreOneAsync(BackupInView view, string relative, IPrivateArea area, CancellationToken cancellationToken)
    {
        if (view.History is IFilesRestore own) return await OwnWayAsync(view, own, new FileChoice.Named(relative), area, cancellationToken);
        var tree = await view.TreeAsync(cancellationToken);
        var entry = tree.Find(relative);
        if (entry is not { Kind: EntryKind.RegularFile })
            throw view.Failure(FailureCategory.MissingPath, $"a regular file /{relative} to restore",
                entry is null ? "no such path in the backup" : $"a {(entry.IsDirectory ? "directory" : "file that is not regular")}");
        return await RestoreAsync(view, [entry], area, null, null, cancellationToken);
    }

    private static async Task<RestoredSet> RestoreAsync(BackupInView view, IReadOnlyList<TreeEntry> entries, IPrivateArea area, int? seed,
        string? chosenHow, CancellationToken cancellationToken)
    {
        var snapshot = await view.SnapshotAsync(cancellationToken);
        var restored = new List<RestoredSet.File>();
        foreach (var entry in entries)
        {
            var destination = Path.Combine(area.Path, (restored.Count + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                await view.Guard(async () =>
                {
                    await view.Source.RestoreFileAsync(snapshot, entry.Path, destination, cancellationToken);
                    return true;
                });
            }
            catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
            {
                // The restore area's trouble (full, read-only), not the backup's: a broken run, named so.
                throw view.Failure(FailureCategory.RestoreFailed, $"the restore area to take /{entry.Path} ({entry.Size} bytes)",
                    $"writing it failed: {unwritable.Message}", unwritable);
            }
            var size = new FileInfo(destination).Length;
            if (size != entry.Size)
                throw view.Failure(FailureCategory.RestoreMismatch, $"/{entry.Path} restored whole ({entry.Size} bytes as backed up)",
                    $"{size} bytes restored");
            restored.Add(new RestoredSet.File(entry, destination));
        }
        return new RestoredSet(snapshot, area, restored, seed, chosenHow);
    }

    /// <summary>Each restored file against its live one, when the live file is unchanged since the backup; at least one
    /// compared, and no mismatch. The system compares its own way where it can (<see cref="IRestoredComparison"/>),
    /// else the core reads the live file under <paramref name="liveRoot"/>: unchanged is the size and modification time
    /// the backup recorded, and no inode change (ctime) after it was taken. Others are listed, not compared. The live
    /// file is opened without following a link at any level below the root and without blocking on a FIFO, and judged
    /// by what it is once open.</summary>
    /// <param name="liveRoot">The backed-up path on this machine; null for a system that reads its live side itself.</param>
    /// <param name="onCompared">Called with the comparison before a mismatch fails it: the report shows every mismatch,
    /// the failure message only the first few.</param>
    public static async Task<RestoreComparison> RequireMatchesLiveAsync(BackupInView view, RestoredSet restored, string? liveRoot,
        CancellationToken cancellationToken, Action<RestoreComparison>? onCompared = null)
    {
        RequireSameArea(view, restored.Area, restored.Snapshot);
        var comparison = view.History is IRestoredComparison own
            ? await view.Guard(() => own.CompareWithLiveAsync(restored, cancellationToken))
            : await CompareHereAsync(restored, liveRoot ?? throw view.Failure(FailureCategory.SuiteDefect,
                "the live directory to compare restored files with", "none given", about: restored.Snapshot), cancellationToken);
        onCompared?.Invoke(comparison);
        var seed = restored.Seed is { } s ? $" (seed {s})" : "";
        if (comparison.Compared == 0)
            throw view.Failure(FailureCategory.NothingChecked, "at least one restored file to compare with its live file",
                $"none could be compared: {string.Join("; ", comparison.NotCompared.Take(20))}{seed}", about: restored.Snapshot);
        if (comparison.Mismatches.Count > 0)
            throw view.Failure(FailureCategory.RestoreMismatch, $"every file unchanged since the {view.Words.Backup} to have the live file's SHA-256",
                $"{Plural.Of(comparison.Mismatches.Count, "mismatch", "mismatches")}: {string.Join("; ", comparison.Mismatches.Take(20))}" +
                $"{(comparison.Mismatches.Count > 20 ? "; ..." : "")}{seed}", about: restored.Snapshot);
        return comparison;
    }

    private static async Task<RestoreComparison> CompareHereAsync(RestoredSet restored, string liveRoot,
        CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var matches = new List<string>();
        var mismatches = new List<string>();
        foreach (var file in restored.Files)
        {
            var (liveSum, why) = await LiveSumAsync(liveRoot, file.Entry, restored.Snapshot.Time, cancellationToken);
            if (liveSum is null)
            {
                notes.Add($"/{file.Entry.Path}: {why}, not compared");
                continue;
            }
            var restoredSum = await RawFiles.Sha256Async(file.Location, cancellationToken);
            if (liveSum == restoredSum) matches.Add($"/{file.Entry.Path} {liveSum}");
            else mismatches.Add($"/{file.Entry.Path}: live sha256 {liveSum} ({file.Entry.Size} bytes), restored sha256 {restoredSum}");
        }
        var compared = matches.Count + mismatches.Count;
        string[] header = [$"live side: {liveRoot} on this machine", $"compared {Plural.Of(compared, "file")} by SHA-256; {notes.Count} not compared"];
        return new RestoreComparison(header, matches, mismatches, notes, compared);
    }

    /// <summary>The live file's SHA-256 when it may be compared, else null and why not.</summary>
    internal static async Task<(string? Sum, string Why)> LiveSumAsync(string liveRoot, TreeEntry entry, DateTimeOffset taken,
        CancellationToken cancellationToken)
    {
        // A directory on the way that is now a link would lead the comparison (and the sum it prints) elsewhere.
        var directory = liveRoot;
        foreach (var part in entry.Path.Split('/')[..^1])
        {
            directory = Path.Combine(directory, part);
            var info = new DirectoryInfo(directory);
            if (!info.Exists || info.LinkTarget is not null) return (null, $"the live directory {directory} is gone or is now a link");
        }
        var live = Path.Combine(liveRoot, entry.Path);
        try
        {
            // Before it is opened: a device's open runs its driver, a FIFO's would wait for a writer.
            if (!FileFacts.OfPath(live).IsRegular) return (null, "the live entry is no longer a regular file");
            await using var stream = RawFiles.OpenRead(System.Text.Encoding.UTF8.GetBytes(live));
            var before = FileFacts.Of(stream.SafeFileHandle);
            if (Unchanged(before, entry, taken) is { } changed) return (null, changed);
            var sum = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            // Written to while it was read: the sum is of no one version of it.
            var after = FileFacts.Of(stream.SafeFileHandle);
            if (Unchanged(after, entry, taken) is { } during) return (null, during);
            return after == before ? (sum, "") : (null, "changed while it was read");
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return (null, $"no live regular file to compare ({unreadable.Message})");
        }
    }

    /// <summary>Null when the live file is as the backup recorded it: a regular file of the same size and mtime, its
    /// inode unchanged since the snapshot was taken; else why not.</summary>
    private static string? Unchanged(FileFacts facts, TreeEntry entry, DateTimeOffset taken)
    {
        if (!facts.IsRegular) return "the live entry is no longer a regular file";
        if (!facts.Complete) return "this filesystem does not say when the live file changed";
        return facts.Size != entry.Size || !SameTime(facts.ModifiedUtc, entry.ModifiedAt) || facts.ChangedUtc > taken.UtcDateTime
            ? $"changed since the backup (live {facts.Size} bytes, mtime {facts.ModifiedUtc:u}, ctime {facts.ChangedUtc:u})"
            : null;
    }

    /// <summary>The one restored file's text (UTF-8; bytes that are not become U+FFFD, as a text reader reads them)
    /// matches the pattern. A mismatch describes the file (<see cref="ContentDescription"/>), never shows it; a pattern
    /// an empty file matches checks nothing and is refused.</summary>
    public static async Task RequireContentMatchesAsync(BackupInView view, RestoredSet restored, string pattern, CancellationToken cancellationToken)
    {
        var file = Single(view, restored);
        if (file.Entry.Kind != EntryKind.RegularFile)
            throw view.Failure(FailureCategory.InputError, $"a regular file /{file.Entry.Path} to match /{pattern}/",
                "it was restored as a link or special file: it has no content of its own", about: restored.Snapshot);
        if (Matches(view, "", pattern, restored.Snapshot))
            throw view.Failure(FailureCategory.SuiteDefect, "a pattern that an empty file would not match", $"/{pattern}/, which matches anything", about: restored.Snapshot);
        byte[] bytes;
        RequireSameArea(view, restored.Area, restored.Snapshot);
        try
        {
            await using var stream = RawFiles.OpenRead(file.Location);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory, cancellationToken);
            bytes = memory.ToArray();
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            throw view.Failure(FailureCategory.RestoreMismatch, $"/{file.Entry.Path} in the restore area", $"it cannot be read ({unreadable.Message})", unreadable, about: restored.Snapshot);
        }
        if (Matches(view, System.Text.Encoding.UTF8.GetString(bytes), pattern, restored.Snapshot)) return;
        throw view.Failure(FailureCategory.RestoreMismatch, $"the restored /{file.Entry.Path} to match /{pattern}/",
            $"the pattern matches nowhere in it: {ContentDescription.Of(bytes)} (its content is not quoted: restored data stays in the restore area)", about: restored.Snapshot);
    }

    private static bool Matches(BackupInView view, string text, string pattern, Snapshot about)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(5));
        }
        catch (Exception wrong) when (wrong is ArgumentException or RegexMatchTimeoutException)
        {
            // A pattern that is no regular expression, or one that runs past 5 s on this file: the step's to fix. A
            // timeout is not kept as the inner exception: its Input is the restored text.
            throw view.Failure(FailureCategory.InputError, "a regular expression that matches or not within 5 s", $"/{pattern}/: {wrong.Message}",
                wrong as ArgumentException, about: about);
        }
    }

    /// <summary>The one restored file's modification time, as backed up, is within the limit of now.</summary>
    public static void RequireNoOlderThan(BackupInView view, RestoredSet restored, TimeSpan limit, DateTimeOffset now)
    {
        var file = Single(view, restored);
        if (file.Entry.Kind != EntryKind.RegularFile)
            throw view.Failure(FailureCategory.InputError, $"a regular file /{file.Entry.Path} to date",
                "it was restored as a link or special file: its time is the link's, not the data's", about: restored.Snapshot);
        var age = now - file.Entry.ModifiedAt;
        if (age <= limit) return;
        throw view.Failure(FailureCategory.StaleBackup, $"the restored /{file.Entry.Path} to be no older than {FreshnessRules.Hours(limit)}",
            $"it was last modified {FreshnessRules.Hours(age)} ago ({file.Entry.ModifiedAt.UtcDateTime:u})", about: restored.Snapshot);
    }

    private static RestoredSet.File Single(BackupInView view, RestoredSet restored) => restored.Files.Count == 1
        ? restored.Files[0]
        : throw view.Failure(FailureCategory.SuiteDefect, "one restored file (restore it with 'When the file \"...\" is restored')",
            $"{restored.Files.Count} restored files", about: restored.Snapshot);

    /// <summary>Times as the backup keeps them (to the nanosecond) against .NET's (to 100 ns): equal to the tick.</summary>
    private static bool SameTime(DateTime live, DateTimeOffset backedUp) => Math.Abs((live - backedUp.UtcDateTime).Ticks) < 10;
}
