using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Live;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Two dumps of a disk told apart, for the core's stale rule (<c>ChangeRule</c>, through <see cref="AmandaDisk"/>).
/// Both sides are the state a restore of each dump gives (<see cref="RestoreState"/>), not amrecover's merged listing,
/// which keeps names an incremental recorded as deleted; the previous dump is browsed with <c>setdate</c> and the
/// session put back. Where the names are the same, an incremental's own members still show a file rewritten in place
/// after the previous dump (their tar headers' mtime and ctime); a level 0's listing has no sizes or times.
/// </summary>
internal static class DumpComparison
{
    private const string Checking = "to compare it with the previous dump";

    /// <param name="shown">The dump the session shows.</param>
    public static async Task<BackupDifference> CompareAsync(SessionLease lease, DumpDate shown, DumpDate previous, CancellationToken cancellationToken)
    {
        var current = await RestoreStates.OfAsync(lease, await DiskCount.WalkAsync(lease, cancellationToken, shown), Checking, cancellationToken);
        var before = await DumpBrowse.OnDumpAsync(lease, previous, "to browse the previous dump", async () =>
            await RestoreStates.OfAsync(lease, await DiskCount.WalkAsync(lease, cancellationToken, previous), Checking, cancellationToken),
            cancellationToken);
        // The root is in every dump: it never tells two dumps apart.
        var now = current.Files.Concat(current.Directories).Where(p => !p.IsRoot).ToHashSet();
        var then = before.Files.Concat(before.Directories).Where(p => !p.IsRoot).ToHashSet();
        if (!now.SetEquals(then)) return new BackupDifference(true, now.Union(then).Count(), "");
        if (current.Level > 0 && current.Dump is { } dump)
        {
            var chain = await RestoreStates.ChainAsync(lease, dump, Checking, cancellationToken);
            var records = await RestoreStates.RecordsAsync(lease, chain[0], Checking, cancellationToken);
            if (records.ChangedAfter(LiveChanges.DumpedAtUtc(previous)).Count > 0) return new BackupDifference(true, now.Count, "");
        }
        return new BackupDifference(false, now.Count, $"the same {now.Count} paths" + (current.Level > 0
            ? $", and no file the level {current.Level} dump wrote changed after the previous dump{current.Note}{before.Note}"
            : " (a level 0's listing shows no sizes or times, so only names can differ)"));
    }
}
