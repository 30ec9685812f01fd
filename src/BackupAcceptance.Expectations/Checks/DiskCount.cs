using System.Diagnostics;
using System.Globalization;
using System.Text;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Walks;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>One full count of the dump in view, shared by the checks that need the whole tree (counts, comparisons,
/// random restores): from the walk cache when this dump was counted before (amrecover listing its root and a sample of
/// its directories as the cached paths say; else the file is ignored),
/// else from the index files when this machine can read them (confirmed by an amrecover sample), else through
/// amrecover. The hollow-backup detector walks on its own when it can stop early.</summary>
public static class DiskCount
{
    /// <param name="viewing">The dump the lease was set to, when known: failures name it.</param>
    public static Task<DiskInventory> WalkAsync(SessionLease lease, CancellationToken cancellationToken, DumpDate? viewing = null) =>
        WalkDeadline.RunAsync(lease, viewing, token => WalkWithinAsync(lease, token, viewing), cancellationToken);

    private static async Task<DiskInventory> WalkWithinAsync(SessionLease lease, CancellationToken cancellationToken, DumpDate? viewing)
    {
        var inventory = await Guard.AmandaAsync(lease, viewing, viewing is { } date ? $"to walk the dump of {date}" : "to walk the disk", async () =>
        {
            var settings = lease.Pool.Walking;
            if (settings.Cache is not { } cache) return await CountAsync(lease, settings, cancellationToken);

            var clock = Stopwatch.StartNew();
            var root = await lease.RootListingAsync(cancellationToken);
            if (root.DumpDate is not { } dump) return await CountAsync(lease, settings, cancellationToken); // the walk says why
            var rootKeys = WalkCache.RootKeys(root);
            var sources = await SourcesAsync(lease, cancellationToken, dump);
            var (cached, ignored) = await cache.TryReadAsync(lease.Target, dump, cancellationToken);
            if (cached is not null && cached.Sources != sources)
                ignored = $"cached count not used: the dump chain or its index files changed since {cached.Written:yyyy-MM-dd HH:mm}";
            else if (cached is not null)
            {
                // Never a count amrecover cannot confirm: any difference and the file is ignored, the dump counted again.
                var (confirmed, seed, disagreement) = cached.RootKeys.SequenceEqual(rootKeys)
                    ? await CachedWalkConfirmation.ConfirmAsync(lease, cached, root, cancellationToken)
                    : (0, 0, $"amrecover lists the root's {rootKeys.Count} entries unlike the cache's copy of it ({cached.RootKeys.Count} entries)");
                if (disagreement is null) return FromCache(lease, cached, dump, confirmed, seed, clock.Elapsed);
                ignored = $"cache file {cache.PathFor(lease.Target, dump)} ignored ({disagreement})";
            }

            var counted = await CountAsync(lease, settings, cancellationToken);
            if (counted.Summary.DumpDate is { } walked && walked.Value == dump.Value)
            {
                try
                {
                    await cache.WriteAsync(lease.Target, dump, rootKeys, sources, counted, cancellationToken);
                }
                catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
                {
                    // This machine's trouble (a full or read-only home), not the backup's: the count stands.
                    ignored = string.Join("; ", new[] { ignored, $"count not cached ({unwritable.Message})" }.Where(n => n.Length > 0));
                }
            }
            return ignored.Length == 0 ? counted : counted with { Note = counted.Note with { Via = $"{counted.Note.Via}; {ignored}" } };
        });
        lease.Pool.RecordWalk(inventory.Note);
        return inventory;
    }

    /// <summary>What a count of the dump in view rests on besides its root: the dumps amrecover merges for the working
    /// date (a level 0 that expired changes them) and, where this machine can read them, the size and time of each
    /// index file and of amindexd's uncompressed copy (an index rewritten since changes them).</summary>
    /// <param name="shown">The dump amrecover shows, when listed: the chain must start there (<see cref="DumpPick"/>).</param>
    public static async Task<string> SourcesAsync(SessionLease lease, CancellationToken cancellationToken, DumpDate? shown = null)
    {
        var target = lease.Target;
        var chain = DumpPick.Chain(lease, await lease.HistoryAsync(cancellationToken), shown);
        var text = new StringBuilder(string.Join(" ", chain.Select(d => $"{d.Date}/{d.Level}")));
        var (files, _) = await IndexDirectory.FindAsync(target.Config, target.Host, target.Disk, cancellationToken, lease.Pool.IndexRoots);
        foreach (var file in files ?? [])
        {
            if (!chain.Any(d => d.Date.Value == file.Date.Value && d.Level == file.Level)) continue;
            foreach (var path in new[] { file.Path, file.Path.EndsWith(".gz", StringComparison.Ordinal) ? file.Path[..^3] : file.Path }.Distinct())
            {
                var info = new FileInfo(path);
                if (info.Exists) text.Append(CultureInfo.InvariantCulture, $" {info.Name}:{info.Length}:{info.LastWriteTimeUtc.Ticks}");
            }
        }
        return text.ToString();
    }

    private static async Task<DiskInventory> CountAsync(SessionLease lease, WalkSettings settings, CancellationToken cancellationToken)
    {
        var (fromIndex, why) = await IndexWalk.TryWalkAsync(lease, settings, cancellationToken);
        return fromIndex ?? await AmrecoverWalk.WalkAsync(lease, lease.Pool, settings, why, cancellationToken);
    }

    /// <summary>A cached walk stands for the dump once amrecover has listed its root and a sample of its directories as
    /// the cached paths say (<see cref="CachedWalkConfirmation"/>).</summary>
    private static DiskInventory FromCache(SessionLease lease, CachedWalk cached, DumpDate dump, int confirmed, int seed, TimeSpan elapsed)
    {
        var summary = new WalkSummary(cached.Directories, cached.Files, dump, true, cached.Unreachable);
        var via = $"the walk cache (counted {cached.Written:yyyy-MM-dd HH:mm} via {cached.Via}; root and {confirmed - 1} sampled " +
                  $"director{(confirmed == 2 ? "y" : "ies")} confirmed by amrecover, seed {seed})";
        return new DiskInventory(summary, cached.Paths, cached.FileList, new WalkNote(lease.Target, summary, via, elapsed));
    }
}
