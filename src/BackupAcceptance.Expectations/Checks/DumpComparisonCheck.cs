using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Compares the dump in view with the dump before it (from <c>history</c>, browsed with <c>setdate</c>): the file
/// count must not move by more than a percentage (a count drop means data went missing), and the two must not be
/// identical (a backup that never changes is a stale copy of one old state).
/// </summary>
public static class DumpComparisonCheck
{
    public static async Task RequireCountWithinPreviousAsync(SessionLease lease, int percent, CancellationToken cancellationToken)
    {
        var (current, previous, previousDate) = await WalkBothAsync(lease, cancellationToken);
        var change = previous.Summary.Files == 0 ? (current.Summary.Files == 0 ? 0 : 100) :
            100.0 * (current.Summary.Files - previous.Summary.Files) / previous.Summary.Files;
        if (Math.Abs(change) > percent)
            throw new ExpectationFailedException(FailureCategory.CountDrop, lease.Target, current.Summary.DumpDate,
                $"a file count within {percent}% of the previous dump ({previousDate.Date}: {previous.Summary.Files} files)",
                $"{current.Summary.Files} files ({change:+0.#;-0.#}%){current.Summary.UnreachableNote()}", lease.Session.Transcript.Tail());
    }

    public static async Task RequireDifferentFromPreviousAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        var (current, previous, previousDate) = await WalkBothAsync(lease, cancellationToken);
        if (current.Paths.SetEquals(previous.Paths))
            throw new ExpectationFailedException(FailureCategory.StaleBackup, lease.Target, current.Summary.DumpDate,
                $"the dump to differ from the previous one ({previousDate.Date})",
                $"the same {current.Paths.Count} paths (amrecover shows no sizes, so only names can differ)", lease.Session.Transcript.Tail());
    }

    private static async Task<(DiskInventory Current, DiskInventory Previous, DumpRecord PreviousDump)>
        WalkBothAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        var current = await DiskCount.WalkAsync(lease, cancellationToken);
        var history = await Guard.AmandaAsync(lease, current.Summary.DumpDate, "the disk's dump history",
            () => lease.Session.HistoryAsync(cancellationToken));
        var before = history.Where(r => current.Summary.DumpDate is { } shown && r.Date.CompareTo(shown) < 0).MaxBy(r => r.Date);
        if (before is null)
            throw new ExpectationFailedException(FailureCategory.CountDrop, lease.Target, current.Summary.DumpDate,
                "a previous dump to compare with", $"none before it ({Guard.Plural(history.Count, "dump")} in the history)",
                lease.Session.Transcript.Tail());
        var restoreTo = lease.WorkingDate;
        await Guard.AmandaAsync(lease, before.Date, "to browse the previous dump", async () =>
        {
            await lease.ViewDumpAsync(before.Date, cancellationToken);
            return true;
        });
        try
        {
            return (current, await DiskCount.WalkAsync(lease, cancellationToken), before);
        }
        finally
        {
            try
            {
                await lease.ViewDumpAsync(restoreTo, cancellationToken);
            }
            catch (AmrecoverException)
            {
                // Never hide the walk's own failure; the lease puts the date back (or drops the session) when returned.
            }
        }
    }
}
