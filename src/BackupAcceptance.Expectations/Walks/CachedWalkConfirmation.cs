using System.Security.Cryptography;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Expectations.Walks;

/// <summary>
/// Whether amrecover still lists a cached walk's directories as its paths say. The checksum only proves the file is
/// whole, not that the suite wrote it: anyone who can write it can add names and fix the sums. So the count is used
/// only after amrecover lists the root and a sample of other cached directories exactly as the cached paths hold
/// them. The sample is drawn with a fresh seed (named in the note), so whoever edits the file cannot know which
/// directories will be listed, and weighted by how many entries each directory holds in the cache, so a directory
/// padded with names is the likeliest to be drawn.
/// </summary>
public static class CachedWalkConfirmation
{
    /// <summary>Directories besides the root amrecover lists to confirm a cached walk.</summary>
    public const int SampleDirectories = 20;

    /// <param name="root">amrecover's listing of the dump's root, already taken.</param>
    /// <param name="seed">Draws the sample; null draws a fresh one (tests pass one to repeat a draw).</param>
    /// <returns>How many directories amrecover confirmed (the root among them) and the seed; or why the cached walk is
    /// not what amrecover shows.</returns>
    public static async Task<(int Confirmed, int Seed, string? Disagreement)> ConfirmAsync(SessionLease lease, CachedWalk cached,
        DirectoryListing root, CancellationToken cancellationToken, int? seed = null)
    {
        var drawn = seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var (children, inconsistent) = Children(cached);
        if (inconsistent is not null) return (0, drawn, inconsistent);
        // Against the cached paths, not the cache's own copy of the root: names added to the paths show here.
        if (Differs(RawPath.Root, children[RawPath.Root], root) is { } rootDiffers) return (0, drawn, rootDiffers);

        var sample = Sample(children, drawn);
        int confirmed;
        string? disagreement;
        try
        {
            (confirmed, disagreement) = await ListSampleAsync(lease, sample, children, cancellationToken);
        }
        catch (AmandaReplyException refused) when (refused.Kind is AmandaErrorKind.InvalidDirectory or AmandaErrorKind.NotFound)
        {
            (confirmed, disagreement) = (0, $"amrecover cannot enter a directory the cache holds ({refused.Message.Split('\n')[0]})");
        }
        await lease.Session.SetDiskAsync(lease.Target.Disk, cancellationToken); // back to the root, mount point as usual
        return (confirmed + 1, drawn, disagreement);
    }

    /// <returns>How many sampled directories amrecover listed as cached (the root not counted), or the first difference.</returns>
    private static async Task<(int Confirmed, string? Disagreement)> ListSampleAsync(SessionLease lease, IReadOnlyList<RawPath> sample,
        Dictionary<RawPath, List<string>> children, CancellationToken cancellationToken)
    {
        var session = lease.Session;
        var confirmed = 0;
        // Plain paths in one go, each by one absolute cd (the cost is amrecover's, not round trips).
        var plain = sample.Where(d => d.Components.All(c => DirectPaths.IsPlain(c.Latin1))).ToList();
        if (plain.Count > 0)
        {
            await session.SetDiskAsync(lease.Target.Disk, cancellationToken, mountPoint: "/");
            var listings = await session.ListAllAsync(plain.Select(d => d.ToString()).ToList(), cancellationToken);
            for (var i = 0; i < plain.Count; i++)
            {
                if (Differs(plain[i], children[plain[i]], listings[i]) is { } differs) return (confirmed, differs);
                confirmed++;
            }
        }
        var navigator = await TreeNavigator.AtRootAsync(session, lease.Target.Disk, cancellationToken);
        foreach (var directory in sample.Except(plain))
        {
            DirectoryListing listing;
            try
            {
                listing = await navigator.GoToAsync(directory, cancellationToken);
            }
            catch (AmandaReplyException refused) when (refused.Kind == AmandaErrorKind.InvalidDirectory && GlobHostilePaths.Contains(directory.Parent))
            {
                continue; // amrecover's matching bug (GlobHostilePaths): a known gap, neither confirmed nor refuted
            }
            if (Differs(directory, children[directory], listing) is { } differs) return (confirmed, differs);
            confirmed++;
        }
        return (confirmed, null);
    }

    /// <summary>What the cached paths say each directory holds (names, directories with a trailing <c>/</c>).</summary>
    private static (Dictionary<RawPath, List<string>> Children, string? Inconsistent) Children(CachedWalk cached)
    {
        var files = cached.FileList.ToHashSet();
        var children = new Dictionary<RawPath, List<string>> { [RawPath.Root] = [] };
        foreach (var path in cached.Paths.Where(p => !files.Contains(p))) children[path] = [];
        foreach (var path in cached.Paths)
        {
            if (!children.TryGetValue(path.Parent, out var siblings))
                return (children, $"the cache holds {path} below something that is not a cached directory");
            siblings.Add(Key(path.Name, !files.Contains(path)));
        }
        return (children, null);
    }

    /// <summary>Up to <see cref="SampleDirectories"/> cached directories other than the root, drawn without repeats,
    /// each with a weight of one plus its cached entries (Efraimidis-Spirakis keys).</summary>
    private static List<RawPath> Sample(Dictionary<RawPath, List<string>> children, int seed)
    {
        var random = new Random(seed);
        return children.Where(c => !c.Key.IsRoot)
            .OrderBy(c => c.Key.ToString(), StringComparer.Ordinal) // the same seed draws the same sample
            .Select(c => (Directory: c.Key, Rank: Math.Pow(1.0 - random.NextDouble(), 1.0 / (1 + c.Value.Count))))
            .OrderByDescending(c => c.Rank)
            .Take(SampleDirectories)
            .Select(c => c.Directory)
            .ToList();
    }

    private static string? Differs(RawPath directory, List<string> cached, DirectoryListing listing)
    {
        var shown = listing.Entries.Select(e => Key(e.Name, e.IsDirectory)).ToHashSet(StringComparer.Ordinal);
        var kept = cached.ToHashSet(StringComparer.Ordinal);
        if (shown.SetEquals(kept)) return null;
        return $"amrecover lists {directory} differently than the cached paths say: {shown.Count} entries, the cache {kept.Count}; " +
               $"only in the cache: {Show(kept.Except(shown))}; only in amrecover: {Show(shown.Except(kept))}";
    }

    private static string Key(RawName name, bool isDirectory) => name.Latin1 + (isDirectory ? "/" : "");

    private static string Show(IEnumerable<string> keys)
    {
        var list = keys.Order(StringComparer.Ordinal).ToList();
        if (list.Count == 0) return "nothing";
        var shown = string.Join(", ", list.Take(5).Select(k => new RawName(k).Display));
        return list.Count > 5 ? $"{shown}, … ({list.Count - 5} more)" : shown;
    }
}
