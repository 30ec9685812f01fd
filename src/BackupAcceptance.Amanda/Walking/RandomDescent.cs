using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Walking;

/// <summary>
/// Picks files at random without listing the whole disk: each pick goes down from the root, choosing uniformly (with
/// a seed) among the entries of a directory that are not used up, until it reaches a file. Listings are kept, so the
/// upper levels are listed once. A picked file, a directory that cannot be entered and a directory with nothing
/// left below are used up; when the root is used up every directory has been listed, so fewer picks than asked
/// (none at all on a hollow disk) are exact. Not uniform over the disk: a file in a small directory is likelier
/// than one in a large directory.
/// </summary>
public sealed class RandomDescent(AmrecoverSession session, string disk)
{
    public async Task<RandomPicks> PickAsync(int count, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var navigator = await TreeNavigator.AtRootAsync(session, disk, cancellationToken);
        var left = new Dictionary<RawPath, List<ListingEntry>>(); // entries not used up, per directory listed
        var picked = new List<RawPath>();
        DumpDate? dumpDate = null;

        async Task<List<ListingEntry>> OpenAsync(RawPath directory)
        {
            if (left.TryGetValue(directory, out var known)) return known;
            List<ListingEntry> entries;
            try
            {
                var listing = await navigator.GoToAsync(directory, cancellationToken);
                dumpDate ??= listing.DumpDate;
                // Sorted by index name: the same dump and seed pick the same files whatever order ls printed.
                entries = listing.Entries.OrderBy(e => e.IndexName, StringComparer.Ordinal).ToList();
            }
            catch (AmandaReplyException refused) when (refused.Kind == AmandaErrorKind.InvalidDirectory && !directory.IsRoot &&
                                                       left[directory.Parent].FirstOrDefault(e => e.IsDirectory && e.Name == directory.Name) is { } entry &&
                                                       GlobHostilePaths.CannotEnter(directory.Parent, entry))
            {
                entries = []; // amrecover 3.5.1 cannot enter it (GlobHostilePaths): used up, as the walks leave it out
            }
            left[directory] = entries;
            return entries;
        }

        // Takes a used-up directory out of its parent's entries, and so on up while parents are used up too.
        void UseUp(RawPath directory)
        {
            while (!directory.IsRoot && left[directory].Count == 0)
            {
                left[directory.Parent].RemoveAll(e => e.IsDirectory && e.Name == directory.Name);
                directory = directory.Parent;
            }
        }

        while (picked.Count < count && (await OpenAsync(RawPath.Root)).Count > 0)
        {
            var here = RawPath.Root;
            while (true)
            {
                var entries = left[here];
                var index = random.Next(entries.Count);
                var entry = entries[index];
                var path = here.Append(entry.Name);
                if (!entry.IsDirectory)
                {
                    picked.Add(path);
                    entries.RemoveAt(index);
                    UseUp(here);
                    break;
                }
                if ((await OpenAsync(path)).Count == 0)
                {
                    UseUp(path);
                    break; // start again from the root
                }
                here = path;
            }
        }
        await TreeNavigator.AtRootAsync(session, disk, cancellationToken);
        return new RandomPicks(picked, dumpDate, left.Count, left[RawPath.Root].Count == 0);
    }
}

/// <param name="DirectoriesListed">Directories listed to pick them (the root included).</param>
/// <param name="DiskUsedUp">Every file of the disk was picked: fewer than asked means the disk holds no more.</param>
public sealed record RandomPicks(IReadOnlyList<RawPath> Files, DumpDate? DumpDate, int DirectoriesListed, bool DiskUsedUp);
