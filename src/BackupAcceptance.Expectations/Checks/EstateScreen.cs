using System.Collections.Concurrent;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// The estate read on the Amanda server without a round trip a disk: the catalogue in one <c>amadmin find</c>, each
/// disk's index files read here, after the same index audit a lease runs. A disk is screened only where what these
/// files say is what amrecover shows, as far as the server's files can tell: no <c>recovery-limit</c> in the
/// configuration (amindexd refuses some disks to some clients, which no file shows), every dump of the disk whole,
/// none dated past today (amrecover hides those), the audit passed with the dump user's access checked, the dump
/// user able to read every index file of the chain (access(2), ACLs included), the files whole. Every other disk, and
/// every disk the screen finds bad, is left to amrecover (<see cref="EstateCheck"/>), which also confirms a sample of
/// the good ones.
/// </summary>
public static class EstateScreen
{
    /// <summary>A way to read the estate: <see cref="ReadAsync"/>, or a test's.</summary>
    public delegate Task<(IReadOnlyDictionary<BackupTarget, ScreenedDisk>? Screened, string Reason)> Reader(SessionPool pool,
        IReadOnlyList<BackupTarget> disks, CancellationToken cancellationToken);

    /// <returns>The disks screened (the others are not in it), or null with why the estate cannot be screened here.</returns>
    public static async Task<(IReadOnlyDictionary<BackupTarget, ScreenedDisk>? Screened, string Reason)> ReadAsync(SessionPool pool,
        IReadOnlyList<BackupTarget> disks, CancellationToken cancellationToken)
    {
        if (NotHere(pool) is { } notHere) return (null, notHere);
        var catalogues = new Dictionary<string, DumpCatalogue>();
        foreach (var config in disks.Select(d => d.Config).Distinct())
        {
            if (await RecoveryLimits.FindAsync(config, cancellationToken) is { } limit)
                return (null, $"{limit}: amindexd may refuse a disk the server's files show as good");
            var (catalogue, why) = await pool.TakeCatalogueAsync(config, cancellationToken);
            if (catalogue is null) return (null, why);
            catalogues[config] = catalogue;
        }
        var endOfToday = pool.Clock().Date.AddDays(1);
        var read = new ConcurrentDictionary<BackupTarget, ScreenedDisk>();
        await Parallel.ForEachAsync(disks.Distinct(), new ParallelOptions
        {
            MaxDegreeOfParallelism = Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        }, async (disk, token) =>
        {
            if (await ScreenAsync(pool, catalogues[disk.Config], disk, endOfToday, token) is { } found) read[disk] = found;
        });
        return (await ReadableAsync(pool, read, cancellationToken), "");
    }

    /// <summary>Whether the estate of <paramref name="config"/> may be screened here (its index directory is on this
    /// machine, and the settings allow it): then its sessions are not started ahead, as amrecover checks only a few disks.</summary>
    public static async Task<bool> MayReadAsync(SessionPool pool, string config, CancellationToken cancellationToken) =>
        NotHere(pool) is null && (await pool.IndexRoots.ForAsync(config, cancellationToken)).Directory is not null;

    /// <summary>The disk's dumps as <c>history</c> would list them, when the catalogue alone can say so: null when a
    /// dump of it is neither whole nor failed, when it has none (amrecover's own words say "no dump"), or when the
    /// newest is dated past today (amrecover hides it; the clock check names it).</summary>
    public static IReadOnlyList<DumpRecord>? Dumps(DumpCatalogue catalogue, BackupTarget disk, DateTime endOfToday)
    {
        if (catalogue.Unclear(disk.Host, disk.Disk) is not null) return null;
        var dumps = catalogue.DumpsOf(disk.Host, disk.Disk);
        return dumps.Count == 0 || dumps[0].Date.Value >= endOfToday ? null : dumps;
    }

    private static string? NotHere(SessionPool pool) =>
        pool.Walking.IndexFiles == IndexFilesMode.Off ? "index files off (BACKUP_ACCEPTANCE_INDEX_FILES=off)"
        : !pool.IndexServerIsLocal ? $"amrecover asks the index server {pool.Options.IndexServer}, not this machine"
        : null;

    private static async Task<ScreenedDisk?> ScreenAsync(SessionPool pool, DumpCatalogue catalogue, BackupTarget disk, DateTime endOfToday,
        CancellationToken cancellationToken)
    {
        if (Dumps(catalogue, disk, endOfToday) is not { } dumps) return null;
        try
        {
            if (!IndexAudit.ConfirmsAccess(await pool.IndexAuditOf(disk).WaitAsync(cancellationToken))) return null;
        }
        catch (Exception refused) when (refused is not OperationCanceledException)
        {
            return null; // a lease meets the same failure, and says it
        }
        var (files, _) = await IndexDirectory.FindAsync(disk.Config, disk.Host, disk.Disk, cancellationToken, pool.IndexRoots);
        if (files is null) return null;
        var chain = IndexChain.Select(dumps, new DumpDate(endOfToday.AddDays(-1), DumpDatePrecision.Day));
        try
        {
            var tree = await IndexTree.ReadAsync(chain, files, cancellationToken);
            var read = files.Where(f => chain.Any(d => d.Date.Value == f.Date.Value && d.Level == f.Level)).Select(f => f.Path).ToList();
            return new ScreenedDisk(dumps[0], chain, tree.FileCount, tree.DirectoryCount, read);
        }
        catch (Exception unread) when (unread is Amanda.Session.AmandaReplyException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The screened disks whose every chain file the dump user can read (one <c>find -readable</c> as the dump
    /// user per batch); a batch that could not be asked leaves its disks to amrecover.</summary>
    private static async Task<IReadOnlyDictionary<BackupTarget, ScreenedDisk>> ReadableAsync(SessionPool pool,
        IReadOnlyDictionary<BackupTarget, ScreenedDisk> read, CancellationToken cancellationToken)
    {
        var kept = new Dictionary<BackupTarget, ScreenedDisk>();
        foreach (var config in read.GroupBy(r => r.Key.Config))
            foreach (var batch in Batches(config))
            {
                var unreadable = await DumpUserReads.UnreadableAsync(config.Key, [.. batch.SelectMany(b => b.Value.IndexFiles)], cancellationToken,
                    pool.IndexRoots.Parameters);
                if (unreadable is null) continue;
                foreach (var (target, screened) in batch)
                    if (!screened.IndexFiles.Any(unreadable.Contains)) kept[target] = screened;
            }
        return kept;
    }

    /// <summary>Disks in batches of at most <see cref="DumpUserReads.BatchSize"/> files (a disk with more is a batch alone).</summary>
    private static IEnumerable<List<KeyValuePair<BackupTarget, ScreenedDisk>>> Batches(IEnumerable<KeyValuePair<BackupTarget, ScreenedDisk>> disks)
    {
        var batch = new List<KeyValuePair<BackupTarget, ScreenedDisk>>();
        var files = 0;
        foreach (var disk in disks)
        {
            if (batch.Count > 0 && files + disk.Value.IndexFiles.Count > DumpUserReads.BatchSize)
            {
                yield return batch;
                batch = [];
                files = 0;
            }
            batch.Add(disk);
            files += disk.Value.IndexFiles.Count;
        }
        if (batch.Count > 0) yield return batch;
    }
}
