using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>Everything a full walk of the dump in view saw: exact counts, every path, and the files among them.</summary>
public sealed record DiskInventory(WalkSummary Summary, IReadOnlySet<RawPath> Paths, IReadOnlyList<RawPath> Files);

/// <summary>One full walk of the dump in view, shared by the checks that need the whole tree (counts, comparisons,
/// random restores); the hollow-backup detector walks on its own because it stops early.</summary>
public static class DiskCount
{
    /// <param name="viewing">The dump the lease was set to, when known: failures name it.</param>
    public static async Task<DiskInventory> WalkAsync(SessionLease lease, CancellationToken cancellationToken, DumpDate? viewing = null)
    {
        return await Guard.AmandaAsync(lease, viewing, viewing is { } date ? $"to walk the dump of {date}" : "to walk the disk", async () =>
        {
            var walker = new DiskWalker(lease.Session, lease.Target.Disk);
            var paths = new HashSet<RawPath>();
            var files = new List<RawPath>();
            var directories = 0;
            await foreach (var entry in walker.WalkAsync(cancellationToken))
            {
                paths.Add(entry.Path);
                if (entry.IsDirectory) directories++; else files.Add(entry.Path);
            }
            var summary = new WalkSummary(directories, files.Count, walker.RootListing?.DumpDate, true, walker.Unreachable.Count);
            return new DiskInventory(summary, paths, files);
        });
    }
}
