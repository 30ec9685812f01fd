using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>A full walk of the dump in view: exact counts, and the set of paths (for comparing two dumps).</summary>
public static class DiskCount
{
    public static async Task<(WalkSummary Summary, IReadOnlySet<RawPath> Paths)> WalkAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        return await Guard.AmandaAsync(lease, null, "to walk the disk", async () =>
        {
            var walker = new DiskWalker(lease.Session, lease.Target.Disk);
            var paths = new HashSet<RawPath>();
            int files = 0, directories = 0;
            await foreach (var entry in walker.WalkAsync(cancellationToken))
            {
                paths.Add(entry.Path);
                if (entry.IsDirectory) directories++; else files++;
            }
            return (new WalkSummary(directories, files, walker.RootListing?.DumpDate, true, walker.Unreachable.Count), (IReadOnlySet<RawPath>)paths);
        });
    }
}
