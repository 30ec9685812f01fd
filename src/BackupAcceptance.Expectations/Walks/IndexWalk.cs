using BackupAcceptance.Core.Failures;
using System.Diagnostics;
using System.Text;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Expectations.Walks;

/// <summary>
/// Counts a dump from its index files, as amindexd itself reads them, when this machine is the Amanda server and may
/// read them: the same tree amrecover would list, without a round trip per directory. The files are trusted only
/// after amrecover lists a seeded sample of directories (the root always among them) exactly as they say; any
/// difference fails as "index and amrecover disagree", with both listings.
/// </summary>
public static class IndexWalk
{
    /// <summary>Where a target's index files are: <see cref="IndexDirectory.FindAsync"/>, or a copy in tests.</summary>
    public delegate Task<(IReadOnlyList<IndexFile>? Files, string Where)> IndexLocator(BackupTarget target, CancellationToken cancellationToken);

    /// <param name="locate">Where the index files are read from (default: the Amanda server's index directory).</param>
    /// <returns>The inventory, or null (with the reason) when the index files cannot be used here.</returns>
    /// <exception cref="AmandaReplyException">amrecover refused, or a file of the dump chain is missing or unreadable.</exception>
    /// <exception cref="ExpectationFailedException">amrecover lists a sampled directory differently.</exception>
    public static async Task<(DiskInventory? Inventory, string Reason)> TryWalkAsync(SessionLease lease, WalkSettings settings,
        CancellationToken cancellationToken, IndexLocator? locate = null)
    {
        var clock = Stopwatch.StartNew();
        var target = lease.Target;
        var (files, where) = await LocateAsync(lease, settings, cancellationToken, locate);
        if (files is null) return (null, where);

        var chain = IndexChain.Select(await lease.HistoryAsync(cancellationToken), lease.WorkingDate);
        if (chain.Count == 0) return (null, "no dump in amrecover's history on or before the working date");
        var tree = await IndexTree.ReadAsync(chain, files, cancellationToken);

        var sample = Sample(tree, target, chain[0], settings.SampleDirectories);
        var confirmed = await ConfirmAsync(lease, tree, chain, sample, cancellationToken);

        var paths = new HashSet<RawPath>();
        var found = new List<RawPath>();
        foreach (var entry in tree.Entries())
        {
            paths.Add(entry.Path);
            if (!entry.IsDirectory) found.Add(entry.Path);
        }
        var summary = new WalkSummary(tree.DirectoryCount, tree.FileCount, chain[0].Date, true);
        var via = $"index files ({Chain(chain)}) + {confirmed}-dir amrecover sample";
        return (new DiskInventory(summary, paths, found, new WalkNote(target, summary, via, clock.Elapsed)), "");
    }

    /// <summary>The index files of the target's disk when this machine may count from them, else null with the reason.</summary>
    public static async Task<(IReadOnlyList<IndexFile>? Files, string Reason)> LocateAsync(SessionLease lease, WalkSettings settings,
        CancellationToken cancellationToken, IndexLocator? locate = null)
    {
        if (settings.IndexFiles == IndexFilesMode.Off) return (null, "index files off (BACKUP_ACCEPTANCE_INDEX_FILES=off)");
        // The files here are what amrecover browses only when amrecover asks this machine's amindexd.
        if (!lease.Pool.IndexServerIsLocal)
            return (null, $"amrecover asks the index server {lease.Pool.Options.IndexServer}, not this machine");
        var target = lease.Target;
        var (files, where) = locate is null
            ? await IndexDirectory.FindAsync(target.Config, target.Host, target.Disk, cancellationToken, lease.Pool.IndexRoots)
            : await locate(target, cancellationToken);
        if (files is null) return (null, where);
        if (files.Count > 0 && !Readable(files[0].Path)) return (null, $"the index files in {where} are not readable by this user");
        return (files, where);
    }

    private static bool Readable(string path)
    {
        try
        {
            using var _ = File.OpenRead(path);
            return true;
        }
        catch (Exception denied) when (denied is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private static string Chain(IReadOnlyList<DumpRecord> chain) =>
        string.Join(" + ", chain.Select(d => $"level {d.Level} of {d.Date}"));

    /// <summary>Up to <paramref name="count"/> directories, the root first, drawn with a seed made of the target and the
    /// dump, so a rerun on the same dump lists the same ones.</summary>
    private static IReadOnlyList<string> Sample(IndexTree tree, BackupTarget target, DumpRecord dump, int count)
    {
        var others = tree.Directories.Where(d => d.Length > 0).Order(StringComparer.Ordinal).ToArray();
        new Random(Seed($"{target}|{dump.Date}|{dump.Level}")).Shuffle(others);
        return ["", .. others.Take(Math.Max(0, count - 1))];
    }

    // FNV-1a: string.GetHashCode differs from one process to the next.
    private static int Seed(string text)
    {
        var hash = 2166136261u;
        foreach (var ch in text) hash = (hash ^ ch) * 16777619u;
        return (int)(hash & 0x7fffffff);
    }

    /// <summary>Lists every sampled directory through amrecover and compares; plain paths by one absolute <c>cd</c>,
    /// awkward ones one component at a time.</summary>
    /// <returns>How many directories amrecover confirmed (those amrecover 3.5.1 cannot enter are left out).</returns>
    private static async Task<int> ConfirmAsync(SessionLease lease, IndexTree tree, IReadOnlyList<DumpRecord> chain,
        IReadOnlyList<string> sample, CancellationToken cancellationToken)
    {
        var session = lease.Session;
        var confirmed = 0;
        var plain = sample.Where(d => d.Split('/').Skip(1).All(DirectPaths.IsPlain)).ToList();
        await session.SetDiskAsync(lease.Target.Disk, cancellationToken, mountPoint: "/");
        var root = await session.ListAsync(cancellationToken);
        // A different dump is the suite's own wrong pick, not a damaged index: no listing is compared then.
        if (root.DumpDate is { } shown) DumpPick.RequireAgreement(lease, chain, shown);
        Compare(lease, chain[0].Date, "", tree.Listing("")!, root, session);
        confirmed++;
        // The rest in one go: every cd + ls sent before the first reply (the cost is amrecover's, not round trips).
        var others = plain.Where(d => d.Length > 0).ToList();
        var listings = await session.ListAllAsync(others, cancellationToken);
        for (var i = 0; i < others.Count; i++)
        {
            Compare(lease, chain[0].Date, others[i], tree.Listing(others[i])!, listings[i], session);
            confirmed++;
        }
        await session.SetDiskAsync(lease.Target.Disk, cancellationToken);
        var navigator = await TreeNavigator.AtRootAsync(session, lease.Target.Disk, cancellationToken);
        foreach (var directory in sample.Except(plain))
        {
            var path = directory.Split('/').Skip(1).Aggregate(RawPath.Root, (p, name) => p.Append(new RawName(TarEscaping.Unescape(name))));
            DirectoryListing listing;
            try
            {
                listing = await navigator.GoToAsync(path, cancellationToken);
            }
            catch (AmandaReplyException refused) when (refused.Kind == AmandaErrorKind.InvalidDirectory && GlobHostilePaths.Contains(path.Parent))
            {
                continue; // amrecover's matching bug (GlobHostilePaths): a known gap, not a disagreement
            }
            Compare(lease, chain[0].Date, directory, tree.Listing(directory)!, listing, session);
            confirmed++;
        }
        await session.SetDiskAsync(lease.Target.Disk, cancellationToken);
        return confirmed;
    }

    private static void Compare(SessionLease lease, DumpDate dump, string directory, IReadOnlyList<ListingEntry> fromIndex, DirectoryListing fromAmrecover,
        AmrecoverSession session)
    {
        static string Key(ListingEntry e) => $"{e.DumpDate} {e.IndexName}{(e.IsDirectory ? "/" : "")}";
        var index = fromIndex.Select(Key).Order(StringComparer.Ordinal).ToList();
        var shown = fromAmrecover.Entries.Select(Key).Order(StringComparer.Ordinal).ToList();
        if (index.SequenceEqual(shown)) return;
        throw Disagree(lease, dump, directory, $"the index files to list {index.Count} entries: {Show(index)}",
            $"amrecover lists {shown.Count}: {Show(shown)} (only in the index files: {Show(index.Except(shown).ToList())}; only in amrecover: {Show(shown.Except(index).ToList())})",
            session);
    }

    private static ExpectationFailedException Disagree(SessionLease lease, DumpDate dump, string directory, string expected, string found,
        AmrecoverSession session) =>
        new(FailureCategory.IndexDamaged, lease.Target, dump,
            $"amrecover to list {(directory.Length == 0 ? "/" : directory)} as the index files do ({expected})",
            $"index and amrecover disagree: {found}", session.Transcript.Tail());

    private static string Show(IReadOnlyList<string> entries)
    {
        if (entries.Count == 0) return "nothing";
        var text = new StringBuilder(string.Join(", ", entries.Take(20).Select(e => new RawName(e).Display)));
        if (entries.Count > 20) text.Append($", … ({entries.Count - 20} more)");
        return text.ToString();
    }
}
