using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>Lookups by name in the dump the session shows, in amrecover's merged listing: every name any dump of its
/// chain holds, names an incremental recorded as deleted included (docs/dump-model.md). The core's path and
/// non-empty-directory rules read them (<see cref="AmandaDisk"/>).</summary>
internal static class MergedListing
{
    /// <summary>Each path looked up by one navigator, which keeps the listing of the directory it is in: paths that share
    /// a directory list it once.</summary>
    /// <param name="paths">Relative to the disk's root ("ssh/sshd_config").</param>
    public static async Task<IReadOnlyList<FoundPath?>> FindAllAsync(SessionLease lease, DumpDate shown, IReadOnlyList<string> paths,
        CancellationToken cancellationToken)
    {
        var navigator = await Guard.AmandaAsync(lease, shown, "to open the disk", () => lease.NavigatorAsync(cancellationToken));
        var found = new List<FoundPath?>();
        foreach (var path in paths)
        {
            var entry = await Guard.AmandaAsync(lease, shown, $"to look up /{path}", () => navigator.FindAsync(RawPath.Parse(path), cancellationToken));
            found.Add(entry is null ? null : new FoundPath(entry.IsDirectory));
        }
        return found;
    }

    /// <summary>Walks the directory depth first and stops at the <paramref name="minimum"/>th file; null when the dump
    /// has no such directory.</summary>
    public static async Task<BackupCount?> CountBelowAtLeastAsync(SessionLease lease, DumpDate shown, string directory, int minimum,
        CancellationToken cancellationToken)
    {
        var path = RawPath.Parse(directory);
        var walker = new DiskWalker(lease.Session, lease.Target.Disk, path);
        var summary = await Guard.AmandaAsync(lease, shown, $"to walk {path}", async () =>
        {
            try
            {
                return await FileTally.UntilAsync(walker, minimum, cancellationToken);
            }
            catch (AmandaReplyException missing) when (missing.Kind == AmandaErrorKind.NotFound)
            {
                return null;
            }
        });
        return summary is null ? null : new BackupCount(summary.Files, summary.Directories)
        {
            Note = summary.UnreachableNote(),
            Complete = summary.Complete && summary.Unreachable == 0,
        };
    }
}
