using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Live;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Compares the dump in view with the dump before it (from <c>history</c>, browsed with <c>setdate</c>): the two must
/// not be identical (a backup that never changes is a stale copy of one old state). Both sides are the state a
/// restore of each dump gives (<see cref="RestoreState"/>), not amrecover's merged listing, which keeps names an
/// incremental recorded as deleted. The file count against the previous dump is the core's rule
/// (<c>CountRules</c>), over <see cref="AmandaDiskCounts"/>.
/// </summary>
public static class DumpComparisonCheck
{
    /// <summary>A dump without files is hollow, whatever the dump before it held: "0 against 0" proves nothing.</summary>
    internal static void RequireFiles(SessionLease lease, DiskInventory inventory)
    {
        if (inventory.Summary.Files == 0)
            throw new ExpectationFailedException(FailureCategory.HollowBackup, lease.Target, inventory.Summary.DumpDate,
                "files to compare (directories never count)",
                $"0 files in {Plural.Of(inventory.Summary.Directories, "directory", "directories")} below the root{inventory.Summary.UnreachableNote()}",
                lease.Session.Transcript.Tail());
    }

    /// <returns>How many paths the two dumps hold between them.</returns>
    public static async Task<int> RequireDifferentFromPreviousAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        var (current, previous, previousDate) = await WalkBothAsync(lease, "to compare it with the previous dump", cancellationToken);
        // The root is in every dump: it never tells two dumps apart.
        var now = current.State.Files.Concat(current.State.Directories).Where(p => !p.IsRoot).ToHashSet();
        var before = previous.State.Files.Concat(previous.State.Directories).Where(p => !p.IsRoot).ToHashSet();
        if (!now.SetEquals(before)) return now.Union(before).Count();
        // The same names: an incremental's own members still show a file rewritten in place after the previous dump.
        if (current.State.Level > 0 && current.State.Dump is { } shown)
        {
            var chain = await RestoreStates.ChainAsync(lease, shown, "to compare it with the previous dump", cancellationToken);
            var records = await RestoreStates.RecordsAsync(lease, chain[0], "to compare it with the previous dump", cancellationToken);
            if (records.ChangedAfter(LiveChanges.DumpedAtUtc(previousDate.Date)).Count > 0) return now.Count;
        }
        throw new ExpectationFailedException(FailureCategory.StaleBackup, lease.Target, current.Inventory.Summary.DumpDate,
            $"the dump to differ from the previous one ({previousDate.Date})",
            $"the same {now.Count} paths" + (current.State.Level > 0
                ? $", and no file the level {current.State.Level} dump wrote changed after the previous dump{current.State.Note}{previous.State.Note}"
                : " (a level 0's listing shows no sizes or times, so only names can differ)"),
            lease.Session.Transcript.Tail());
    }

    private sealed record Side(DiskInventory Inventory, RestoreState State);

    private static async Task<(Side Current, Side Previous, DumpRecord PreviousDump)>
        WalkBothAsync(SessionLease lease, string checking, CancellationToken cancellationToken)
    {
        var current = await DiskCount.WalkAsync(lease, cancellationToken);
        var currentState = await RestoreStates.OfAsync(lease, current, checking, cancellationToken);
        var history = await Guard.AmandaAsync(lease, current.Summary.DumpDate, "the disk's dump history",
            () => lease.HistoryAsync(cancellationToken));
        var before = history.Where(r => current.Summary.DumpDate is { } shown && r.Date.CompareTo(shown) < 0).MaxBy(r => r.Date);
        if (before is null)
            throw new ExpectationFailedException(FailureCategory.CountDrop, lease.Target, current.Summary.DumpDate,
                "a previous dump to compare with", $"none before it ({Plural.Of(history.Count, "dump")} in the history)",
                lease.Session.Transcript.Tail());
        return await DumpBrowse.OnDumpAsync(lease, before.Date, "to browse the previous dump", async () =>
        {
            var previous = await DiskCount.WalkAsync(lease, cancellationToken, before.Date);
            return (new Side(current, currentState), new Side(previous, await RestoreStates.OfAsync(lease, previous, checking, cancellationToken)), before);
        }, cancellationToken);
    }
}
