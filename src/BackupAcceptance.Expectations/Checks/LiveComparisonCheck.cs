using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Live;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// The backup against the live directory it came from, when the host is this machine: the file count of the state a
/// restore gives must be within a percentage of the live files the DLE covers now (its device, its exclude and include
/// lists). Elsewhere the check cannot run, and says so (it never passes by default).
/// </summary>
public static class LiveComparisonCheck
{
    /// <returns>The backup's count against the live one, for the report, and how each side was read.</returns>
    public static async Task<(CountChange Change, string How)> RequireCountWithinLiveAsync(SessionLease lease, int percent,
        CancellationToken cancellationToken)
    {
        StepInput.Require(lease.Target, percent, 0, CountChange.MaximumPercent, "a percentage");
        RequireLocal(lease.Target, "the live directory's file count");
        var inventory = await DiskCount.WalkAsync(lease, cancellationToken);
        DumpComparisonCheck.RequireFiles(lease, inventory);
        var state = await RestoreStates.OfAsync(lease, inventory, "to compare its file count with the live directory", cancellationToken);
        var live = await ReadLiveAsync(lease.Target, inventory.Summary.DumpDate, "the live directory's file count", cancellationToken);
        var change = new CountChange(state.Files.Count, live.Files.Count);
        var how = $"backup: {state.How}; live: {Describe(live)}";
        if (!change.IsWithin(percent))
            throw new ExpectationFailedException(FailureCategory.CountDrop, lease.Target, inventory.Summary.DumpDate,
                $"a file count within {percent}% of the live directory ({live.Files.Count} files now{Scope(lease.Target, live)})",
                $"{state.Files.Count} files in the backup ({change}{state.Note}){inventory.Summary.UnreachableNote()}",
                lease.Session.Transcript.Tail());
        return (change, how);
    }

    /// <summary>The DLE's live tree as its backup would take it now (<see cref="LiveTree"/>): the DLE from the server's
    /// disklist, read whole. A DLE that cannot be read or a tree read with problems is no live side to compare with:
    /// the check cannot run (never a backup fault).</summary>
    public static async Task<LiveTree> ReadLiveAsync(BackupTarget target, DumpDate? dumpDate, string what, CancellationToken cancellationToken)
    {
        RequireLocal(target, what);
        DiskListEntry? entry;
        string why;
        LiveTree tree;
        try
        {
            (entry, why) = await DiskListEntries.ReadAsync(target.Config, target.Host, target.Disk, cancellationToken);
            if (entry is null)
                throw new ExpectationFailedException(FailureCategory.SuiteDefect, target, dumpDate,
                    $"the DLE of {target.Disk} (amadmin {target.Config} disklist), to read {what} as the backup does (device, exclude and include lists)",
                    $"it cannot be read here: {why}", "");
            tree = await LiveTree.ReadAsync(target, entry, cancellationToken);
        }
        catch (OperationCanceledException timedOut) when (!cancellationToken.IsCancellationRequested)
        {
            // amadmin, find and tar each run within a bound of their own: past it, the live side is not there.
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, target, dumpDate, $"{what}: the DLE and its live tree read in time",
                $"reading them ran past its time limit ({timedOut.Message})", "", timedOut);
        }
        if (!tree.IsComplete)
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, target, dumpDate,
                $"{what}: the live tree of the device {tree.Device} as the DLE covers it",
                $"it could not be read whole: {string.Join("; ", tree.Problems.Take(5))}{(tree.Problems.Count > 5 ? "; ..." : "")}", "");
        return tree;
    }

    /// <summary>For a failure message: where the live side differs from "the disk's files" (another device, exclusions).</summary>
    private static string Scope(BackupTarget target, LiveTree tree) =>
        (tree.Device.TrimEnd('/') != target.Disk.TrimEnd('/') ? $" under the device {tree.Device}" : "") +
        (tree.Excluded.Count > 0 ? $", {tree.Excluded.Count} more excluded by the DLE" : "");

    /// <summary>How the live side was read, for messages and the report.</summary>
    public static string Describe(LiveTree tree) =>
        $"{Plural.Of(tree.Files.Count, "file")} under the device {tree.Device} as the DLE covers it" +
        (tree.Excluded.Count > 0 ? $", {tree.Excluded.Count} more excluded by the DLE" : "");

    /// <exception cref="ExpectationFailedException">The host is another machine: the check cannot see its files.</exception>
    public static void RequireLocal(BackupTarget target, string what)
    {
        if (!LocalHost.Is(target.Host))
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, target, null,
                $"{what} on this machine", $"host {target.Host} is not this machine ({Environment.MachineName}); the check cannot run here", "");
    }
}
