using System.Diagnostics;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Bench;

/// <summary>(c) the suite's walker alone, amrecover only; (d) the suite's default path: the session pool (with its
/// index audit) and the full walk the count checks use.</summary>
public static class SuiteWalks
{
    public static async Task<BenchResult> WalkerAsync(BenchDisk disk, int sessions, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var options = new AmrecoverOptions();
        await using var session = await AmrecoverSession.StartAsync(options, disk.Config, disk.Host, cancellationToken);
        var walkOptions = new WalkOptions(Sessions: sessions);
        var walker = new SharedQueueWalker(session, disk.Disk,
            token => AmrecoverSession.StartAsync(options, disk.Config, disk.Host, token), walkOptions);
        int files = 0, directories = 0;
        await foreach (var entry in walker.WalkAsync(cancellationToken))
        {
            if (entry.IsDirectory) directories++; else files++;
        }
        return new BenchResult($"(c) the suite's walker, amrecover only (shared queue, up to {Sessions(walkOptions.Sessions)}, absolute cd + ls)",
            clock.Elapsed, false, walker.Sessions, session.Transcript.Count + walker.ExtraCommands, files, directories);
    }

    private static string Sessions(int count) => count == 1 ? "1 session" : $"{count} sessions";

    public static async Task<BenchResult> DefaultPathAsync(BenchDisk disk, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var pool = new SessionPool(new AmrecoverOptions());
        await using var lease = await pool.RentAsync(new BackupTarget(disk.Config, disk.Host, disk.Disk), cancellationToken);
        var inventory = await DiskCount.WalkAsync(lease, cancellationToken);
        return new BenchResult("(d) the suite's default path (session pool, index audit, full walk)", clock.Elapsed, false, pool.Started,
            lease.Session.Transcript.Count, inventory.Summary.Files, inventory.Summary.Directories);
    }
}
