using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Opens a disk for checking and says what went wrong in the reader's terms (<see cref="AmandaFailures"/>): a disk
/// without any dump is a stale backup (a failure, never a pass); a damaged index file is a damaged index; an unknown
/// config, host or disk, or an amrecover that will not run, means Amanda is unreachable or misconfigured.
/// </summary>
public static class DiskAccess
{
    public static async Task<SessionLease> OpenAsync(SessionPool pool, BackupTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await pool.RentAsync(target, cancellationToken);
        }
        catch (AmrecoverException failure)
        {
            throw AmandaFailures.Translate(target, null, "to open the disk", failure);
        }
    }
}
