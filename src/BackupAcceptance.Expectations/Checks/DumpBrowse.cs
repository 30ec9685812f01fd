using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>Work on another dump than the one the session shows: <c>setdate</c> to it, the work, and the session's
/// working date put back, so the scenario's later steps see the dump they chose.</summary>
internal static class DumpBrowse
{
    /// <param name="doing">What browsing it is for, as the end of "expected ...": "to browse the previous dump".</param>
    public static async Task<T> OnDumpAsync<T>(SessionLease lease, DumpDate date, string doing, Func<Task<T>> work,
        CancellationToken cancellationToken)
    {
        var working = lease.WorkingDate;
        await Guard.AmandaAsync(lease, date, doing, async () =>
        {
            await lease.ViewDumpAsync(date, cancellationToken);
            return true;
        });
        try
        {
            return await work();
        }
        finally
        {
            try
            {
                await lease.ViewDumpAsync(working, cancellationToken);
            }
            catch (AmrecoverException)
            {
                // Never hide the work's own failure; the lease puts the date back (or drops the session) when returned.
            }
        }
    }
}
