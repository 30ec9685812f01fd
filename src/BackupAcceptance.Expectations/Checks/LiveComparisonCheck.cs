using BackupAcceptance.Expectations.Live;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// The backup against the live directory it came from, when the host is this machine: the file count must be within
/// a percentage. Elsewhere the check cannot run, and says so (it never passes by default).
/// </summary>
public static class LiveComparisonCheck
{
    /// <returns>The backup's count against the live one, for the report.</returns>
    public static async Task<CountChange> RequireCountWithinLiveAsync(SessionLease lease, int percent, CancellationToken cancellationToken)
    {
        StepInput.Require(lease.Target, percent, 0, CountChange.MaximumPercent, "a percentage");
        RequireLocal(lease.Target, "the live directory's file count");
        var inventory = await DiskCount.WalkAsync(lease, cancellationToken);
        DumpComparisonCheck.RequireFiles(lease, inventory);
        var backup = inventory.Summary;
        var live = await LiveFiles.CountAsync(lease.Target, backup.DumpDate, cancellationToken);
        var change = new CountChange(backup.Files, live);
        if (!change.IsWithin(percent))
            throw new ExpectationFailedException(FailureCategory.CountDrop, lease.Target, backup.DumpDate,
                $"a file count within {percent}% of the live directory ({live} files now)",
                $"{backup.Files} files in the backup ({change}){backup.UnreachableNote()}", lease.Session.Transcript.Tail());
        return change;
    }

    /// <exception cref="ExpectationFailedException">The host is another machine: the check cannot see its files.</exception>
    public static void RequireLocal(BackupTarget target, string what)
    {
        if (!LocalHost.Is(target.Host))
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, target, null,
                $"{what} on this machine", $"host {target.Host} is not this machine ({Environment.MachineName}); the check cannot run here", "");
    }
}
