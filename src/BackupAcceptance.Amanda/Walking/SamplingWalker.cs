using System.Diagnostics;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Walking;

/// <summary>
/// Estimates how many files a disk holds without walking all of it: random probes from the root, each going down
/// one seeded-random subdirectory per level to a leaf (Knuth's estimator: the files met at each level, times the
/// product of the branching factors above, add up to an unbiased estimate of the total). Probes repeat until the
/// budget is spent; the spread between probes gives the margin. Listings are kept, so a probe through known
/// directories costs only its <c>cd</c>s, and when every directory has been listed the counts are exact.
/// </summary>
public sealed class SamplingWalker(AmrecoverSession session, string disk)
{
    private sealed record Node(IReadOnlyList<ListingEntry> Files, IReadOnlyList<ListingEntry> Directories);

    public async Task<SampleResult> SampleAsync(int seed, SampleBudget budget, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        var navigator = await TreeNavigator.AtRootAsync(session, disk, cancellationToken);
        var nodes = new Dictionary<RawPath, Node>();
        var unreachable = new List<UnreachableDirectory>();
        DumpDate? dumpDate = null;
        var fileEstimates = new List<double>();
        var directoryEstimates = new List<double>();

        bool BudgetLeft() =>
            (budget.MaxDirectories is not { } maxDirectories || nodes.Count < maxDirectories) &&
            (budget.MaxDuration is not { } maxDuration || clock.Elapsed < maxDuration);

        async Task<Node?> VisitAsync(RawPath path)
        {
            if (nodes.TryGetValue(path, out var known)) return known;
            DirectoryListing listing;
            try
            {
                listing = await navigator.GoToAsync(path, cancellationToken);
            }
            catch (AmandaReplyException refused) when (refused.Kind == AmandaErrorKind.InvalidDirectory && !path.IsRoot &&
                                                       nodes.TryGetValue(path.Parent, out var parent) &&
                                                       parent.Directories.FirstOrDefault(d => d.Name == path.Name) is { } entry &&
                                                       GlobHostilePaths.CannotEnter(path.Parent, entry))
            {
                unreachable.Add(new UnreachableDirectory(path, refused.Reply));
                return null;
            }
            dumpDate ??= listing.DumpDate;
            var node = new Node(listing.Files.ToList(), listing.Directories.ToList());
            nodes[path] = node;
            return node;
        }

        var root = await VisitAsync(RawPath.Root) ?? throw new InvalidOperationException("The disk's root cannot be listed.");
        // At least one probe, whatever the budget: an estimate needs one, and a first browse can be slow.
        while (!IsComplete(nodes, unreachable) && (fileEstimates.Count == 0 || BudgetLeft()))
        {
            // One probe: weight = product of branching factors so far.
            double weight = 1, files = 0, directories = 0;
            var path = RawPath.Root;
            var node = root;
            while (true)
            {
                files += weight * node.Files.Count;
                directories += weight * node.Directories.Count;
                if (node.Directories.Count == 0) break;
                weight *= node.Directories.Count;
                path = path.Append(node.Directories[random.Next(node.Directories.Count)].Name);
                if (await VisitAsync(path) is not { } next) break;
                node = next;
            }
            fileEstimates.Add(files);
            directoryEstimates.Add(directories);
        }

        var seen = nodes.SelectMany(n => n.Value.Files.Select(f => new WalkedEntry(n.Key.Append(f.Name), f))).ToList();
        var exact = IsComplete(nodes, unreachable);
        return new SampleResult(seed, fileEstimates.Count, nodes.Count, seen.Count,
            exact ? Estimate.Counted(seen.Count) : Summarise(fileEstimates),
            exact ? Estimate.Counted(nodes.Values.Sum(n => n.Directories.Count)) : Summarise(directoryEstimates),
            seen, unreachable, clock.Elapsed, dumpDate);
    }

    /// <summary>Every directory ever listed as a child has been listed itself (unreachable ones excepted).</summary>
    private static bool IsComplete(Dictionary<RawPath, Node> nodes, List<UnreachableDirectory> unreachable) =>
        nodes.All(n => n.Value.Directories.All(d =>
        {
            var child = n.Key.Append(d.Name);
            return nodes.ContainsKey(child) || unreachable.Any(u => u.Path == child);
        }));

    private static Estimate Summarise(List<double> samples)
    {
        var mean = samples.Average();
        if (samples.Count < 2) return new Estimate(mean, double.PositiveInfinity, false);
        var variance = samples.Sum(s => (s - mean) * (s - mean)) / (samples.Count - 1);
        return new Estimate(mean, 1.96 * Math.Sqrt(variance / samples.Count), false);
    }
}
