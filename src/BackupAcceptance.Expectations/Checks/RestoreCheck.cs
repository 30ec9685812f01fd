using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Files;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Walks;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// The data layer's restores: real files of the dump into a private area, a seeded random sample (replayable) or one
/// named file. Checked positively: every file asked for must be in the area afterwards.
/// </summary>
public static class RestoreCheck
{
    /// <summary>Restores <paramref name="count"/> files chosen with <paramref name="seed"/>. Where this machine can count
    /// the dump from its index files, they are drawn uniformly from the whole disk (from the walk cache or the index
    /// files); elsewhere (a client of a remote index server) by <see cref="RandomDescent"/>, which lists only the
    /// directories on the way. The choice depends on the machine, never on the cache, so a seed replays the same files.</summary>
    public static Task<RestoredFiles> RestoreRandomFilesAsync(SessionLease lease, int count, int seed, CancellationToken cancellationToken) =>
        RestoreRandomFilesAsync(lease, count, seed, null, cancellationToken);

    /// <param name="into">The area to restore into, made by the caller (and removed by it, also on failure); null: one
    /// made here, removed here on failure.</param>
    public static async Task<RestoredFiles> RestoreRandomFilesAsync(SessionLease lease, int count, int seed, RestoreArea? into,
        CancellationToken cancellationToken)
    {
        StepInput.Require(lease.Target, count, 1, StepBounds.MaximumRandomFiles, "a number of files to restore");
        var (indexFiles, why) = await IndexWalk.LocateAsync(lease, lease.Pool.Walking, cancellationToken);
        IReadOnlyList<RawPath> chosen;
        DumpDate? dumpDate;
        string how;
        if (indexFiles is not null)
        {
            var inventory = await DiskCount.WalkAsync(lease, cancellationToken);
            (dumpDate, how) = (inventory.Summary.DumpDate, $"drawn from all {inventory.Files.Count} files ({inventory.Note.Via})");
            // Sorted by bytes first: the same dump and seed choose the same files whatever order ls printed.
            var ordered = inventory.Files.OrderBy(p => Convert.ToHexString(p.ToBytes()), StringComparer.Ordinal).ToArray();
            new Random(seed).Shuffle(ordered);
            chosen = ordered.Take(count).ToList();
        }
        else
        {
            var picks = await Guard.AmandaAsync(lease, null, "to pick files at random",
                () => new RandomDescent(lease.Session, lease.Target.Disk).PickAsync(count, seed, cancellationToken));
            (chosen, dumpDate) = (picks.Files, picks.DumpDate);
            how = $"picked by random descent, {Plural.Of(picks.DirectoriesListed, "directory", "directories")} listed{(picks.DiskUsedUp ? ", every file of the disk" : "")} (no whole count: {why})";
        }
        if (chosen.Count == 0)
            throw new ExpectationFailedException(FailureCategory.HollowBackup, lease.Target, dumpDate,
                $"files to restore ({count})", "no file in the whole disk", lease.Session.Transcript.Tail());
        return await RestoreAsync(lease, chosen, dumpDate, seed, into, cancellationToken, how);
    }

    public static Task<RestoredFiles> RestoreFileAsync(SessionLease lease, string path, CancellationToken cancellationToken) =>
        RestoreFileAsync(lease, path, null, cancellationToken);

    /// <param name="into">As for <see cref="RestoreRandomFilesAsync(SessionLease, int, int, RestoreArea?, CancellationToken)"/>.</param>
    public static async Task<RestoredFiles> RestoreFileAsync(SessionLease lease, string path, RestoreArea? into, CancellationToken cancellationToken)
    {
        var rawPath = RawPath.Parse(path);
        var (entry, dumpDate) = await Guard.AmandaAsync(lease, null, $"to find {rawPath}", async () =>
        {
            var navigator = await lease.NavigatorAsync(cancellationToken);
            var root = await navigator.GoToAsync(RawPath.Root, cancellationToken);
            return (rawPath.IsRoot ? null : await navigator.FindAsync(rawPath, cancellationToken), root.DumpDate);
        });
        if (entry is not { IsDirectory: false })
            throw new ExpectationFailedException(FailureCategory.MissingPath, lease.Target, dumpDate,
                $"a file {rawPath} to restore", entry is null ? "no such entry in the backup" : "a directory of that name",
                lease.Session.Transcript.Tail());
        return await RestoreAsync(lease, [rawPath], dumpDate, null, into, cancellationToken);
    }

    private static async Task<RestoredFiles> RestoreAsync(SessionLease lease, IReadOnlyList<RawPath> files,
        DumpDate? dumpDate, int? seed, RestoreArea? into, CancellationToken cancellationToken, string? chosenHow = null)
    {
        var area = into ?? PrivateArea.Create(lease.Target, dumpDate, lease.Session.Options.RestoreRoot);
        try
        {
            RestoreReport report;
            using (await lease.Pool.TapeDriveAsync(lease, dumpDate, cancellationToken))
                report = await Guard.AmandaAsync(lease, dumpDate, $"to restore {Plural.Of(files.Count, "file")}",
                    () => new Restorer(lease.Session, lease.Target.Disk).RestoreAsync(files, area, cancellationToken));
            RequireAllRestored(lease.Target, files, area, dumpDate, report.Extract, lease.Session.Transcript.Tail());
            return new RestoredFiles(lease.Target, dumpDate, seed, files, area, chosenHow);
        }
        catch (ExpectationFailedException full) when (full.Category == FailureCategory.RestoreFailed
                                                      && full.Found.Contains(RestoreTrouble.FullRestoreArea, StringComparison.Ordinal))
        {
            // A full area: say how much room there is and how much the dump needs, whichever way the extract ended.
            try
            {
                var found = full.Found.Contains(" KiB free of ", StringComparison.Ordinal) ? full.Found : $"{full.Found}; {FreeSpace(area.Path)}";
                var (sizes, why) = await DumpSizes.ReadAsync(lease.Target.Config, lease.Target.Host, lease.Target.Disk, cancellationToken);
                found += $"; {(sizes is null ? $"space needed unknown ({why})" : DumpSizes.Describe(sizes))}";
                throw new ExpectationFailedException(full.Category, full.Target, full.DumpDate, full.Expected, found, full.TranscriptTail, full);
            }
            finally
            {
                if (into is null) await area.DisposeAsync();
            }
        }
        catch
        {
            // An area the caller made is the caller's to remove (the core's rule does, keeping this failure).
            if (into is null) await area.DisposeAsync();
            throw;
        }
    }

    /// <summary>Checked positively: every file asked for is in the area now (a link as a link, not followed). amrecover's prompt comes
    /// back after a failed extract too, and its words for failure are not all known. When files are missing, words that
    /// blame this machine or the tape server (<see cref="RestoreTrouble"/>) make it a broken restore; when all are
    /// there, only a full restore area does (tar leaves short files behind), else the bytes are compared next.</summary>
    public static void RequireAllRestored(BackupTarget target, IReadOnlyList<RawPath> files, RestoreArea area, DumpDate? dumpDate,
        ExtractReport extract, string transcriptTail)
    {
        var missing = new List<string>();
        foreach (var file in files)
        {
            var location = area.PathOf(file);
            try
            {
                // There, as whatever it is: a symbolic link is restored as a link (opening it would refuse it). A
                // directory of that name is not the file listed.
                if (FileFacts.OfPath(location).IsDirectory) throw new IOException("a directory, not the file listed");
            }
            catch (IOException absent)
            {
                missing.Add($"{file} ({absent.Message})");
            }
        }
        Judge(target, files.Count, missing, area, dumpDate, extract, transcriptTail);
    }

    /// <summary>Files asked for and those found missing, judged: words that blame this machine or the tape server make it
    /// a broken restore, else missing files are the backup's fault.</summary>
    public static void Judge(BackupTarget target, int asked, IReadOnlyList<string> missing, RestoreArea area, DumpDate? dumpDate,
        ExtractReport extract, string transcriptTail)
    {
        var blame = RestoreTrouble.Explain(extract.Stderr + "\n" + extract.Output, () => AmandaFailures.TapeServerReason(target, dumpDate, extract.SentAt));
        if (blame is { NotTheBackup: true } && (missing.Count > 0 || blame.Why.StartsWith(RestoreTrouble.FullRestoreArea, StringComparison.Ordinal)))
            throw new ExpectationFailedException(FailureCategory.RestoreFailed, target, dumpDate,
                $"{Plural.Of(asked, "file")} restored into the private area {area.Path}",
                $"the restore failed because {blame.Why}; {FreeSpace(area.Path)}", transcriptTail);
        if (missing.Count == 0) return;
        throw new ExpectationFailedException(FailureCategory.RestoreMismatch, target, dumpDate,
            $"{Plural.Of(asked, "file")} restored into the private area",
            $"{missing.Count} not restored: {string.Join("; ", missing.Take(20))}{(missing.Count > 20 ? "; ..." : "")}{(blame is null ? "" : $" ({blame.Why})")}; extract said: \"{Shorten(extract.Output)}\"",
            transcriptTail);
    }

    private static string FreeSpace(string path)
    {
        try
        {
            var drive = new DriveInfo(path);
            return $"{drive.AvailableFreeSpace / 1024} KiB free of {drive.TotalSize / 1024} KiB where it lies ({drive.RootDirectory.FullName})";
        }
        catch (Exception unknown) when (unknown is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return "free space unknown";
        }
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 120 ? line : line[..120] + "…";
    }
}
