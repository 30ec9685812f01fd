using System.Diagnostics;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Bench;

/// <summary>(c) the suite's walker alone, amrecover only; (d) the suite's default path: the session pool (with its
/// index audit) and the whole count the count checks use (index files when readable here, else the walker).</summary>
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

    /// <summary>The count checks' path from a fresh pool, with a walk cache in <paramref name="cacheDirectory"/>: the first
    /// call on a dump counts it, the next finds it cached.</summary>
    public static async Task<BenchResult> DefaultPathAsync(BenchDisk disk, string cacheDirectory, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var pool = new SessionPool(new AmrecoverOptions()) { Walking = WalkSettings.Default with { Cache = new WalkCache(cacheDirectory) } };
        await using var lease = await pool.RentAsync(new BackupTarget(disk.Config, disk.Host, disk.Disk), cancellationToken);
        var inventory = await DiskCount.WalkAsync(lease, cancellationToken);
        var commands = lease.Session.Transcript.Count;
        return new BenchResult($"(d) the suite's default path: session pool, index audit, then {inventory.Note.Via}", clock.Elapsed, false, pool.Started,
            commands, inventory.Summary.Files, inventory.Summary.Directories);
    }

    /// <summary>"The backup contains at least one file" from a fresh pool: amrecover start, index audit, a walk that
    /// stops at the first file.</summary>
    public static async Task<BenchResult> AtLeastOneFileAsync(BenchDisk disk, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var pool = new SessionPool(new AmrecoverOptions());
        await using var lease = await pool.RentAsync(new BackupTarget(disk.Config, disk.Host, disk.Disk), cancellationToken);
        await FileCountCheck.RequireFilesAsync(lease, 1, cancellationToken);
        return new BenchResult("(e) \"at least one file\": session pool, index audit, walk to the first file (no count)", clock.Elapsed, false,
            pool.Started, lease.Session.Transcript.Count, null, null);
    }
}
