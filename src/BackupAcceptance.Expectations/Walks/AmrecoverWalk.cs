using System.Diagnostics;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Expectations.Walks;

/// <summary>A whole dump through amrecover alone: the lease's session and up to two more, browsing the same dump,
/// pulling directories from one queue (<see cref="SharedQueueWalker"/>).</summary>
public static class AmrecoverWalk
{
    /// <param name="why">Why the index files were not used, for the walk's note.</param>
    public static async Task<DiskInventory> WalkAsync(SessionLease lease, SessionPool pool, WalkSettings settings, string why,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var target = lease.Target;
        var walker = new SharedQueueWalker(lease.Session, target.Disk, token => StartAsync(lease, pool, token), settings.Walk);
        var paths = new HashSet<RawPath>();
        var files = new List<RawPath>();
        var directories = 0;
        using var progress = pool.Progress.Begin(target);
        await foreach (var entry in walker.WalkAsync(cancellationToken))
        {
            progress.Saw(entry.IsDirectory);
            paths.Add(entry.Path);
            if (entry.IsDirectory) directories++; else files.Add(entry.Path);
        }
        var dump = walker.RootListing?.DumpDate;
        var summary = new WalkSummary(directories, files.Count, dump, true, walker.Unreachable.Count);
        var via = $"amrecover ({(walker.Sessions == 1 ? "1 session" : $"{walker.Sessions} sessions")}; {why})";
        return new DiskInventory(summary, paths, files, new WalkNote(target, summary, via, clock.Elapsed));
    }

    /// <summary>Another session of the same config and host; the walker sets it to the first session's dump.</summary>
    private static Task<AmrecoverSession> StartAsync(SessionLease lease, SessionPool pool, CancellationToken cancellationToken) =>
        pool.StartUnpooledAsync(lease.Target.Config, lease.Target.Host, cancellationToken);
}
