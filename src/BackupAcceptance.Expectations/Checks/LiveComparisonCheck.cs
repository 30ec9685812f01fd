using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Live;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// The live side of a DLE, when the host is this machine: the live files the DLE covers now (its device, its exclude
/// and include lists), for the core's live count (<see cref="AmandaDisk"/>) and the comparison of restored files.
/// Elsewhere a check cannot run, and says so (it never passes by default).
/// </summary>
public static class LiveComparisonCheck
{
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
    public static string Scope(BackupTarget target, LiveTree tree) =>
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
