using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Walks;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>One full count of the dump in view, shared by the checks that need the whole tree (counts, comparisons,
/// random restores): from the index files when this machine can read them (confirmed by an amrecover sample), else
/// through amrecover. The hollow-backup detector walks on its own because it stops early.</summary>
public static class DiskCount
{
    /// <param name="viewing">The dump the lease was set to, when known: failures name it.</param>
    public static async Task<DiskInventory> WalkAsync(SessionLease lease, CancellationToken cancellationToken, DumpDate? viewing = null)
    {
        var inventory = await Guard.AmandaAsync(lease, viewing, viewing is { } date ? $"to walk the dump of {date}" : "to walk the disk", async () =>
        {
            var settings = lease.Pool.Walking;
            var (fromIndex, why) = await IndexWalk.TryWalkAsync(lease, settings, cancellationToken);
            return fromIndex ?? await AmrecoverWalk.WalkAsync(lease, lease.Pool, settings, why, cancellationToken);
        });
        lease.Pool.RecordWalk(inventory.Note);
        return inventory;
    }
}
