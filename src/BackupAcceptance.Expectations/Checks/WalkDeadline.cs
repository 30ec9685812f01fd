using BackupAcceptance.Core.Failures;
using System.Globalization;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// BACKUP_ACCEPTANCE_WALK_TIMEOUT: a whole walk of one disk, however many commands it takes, ends at this bound. Each
/// command has its own bound; this one stops a walk of a disk far larger than expected (or a server that answers just
/// in time, forever) from taking the night. The sessions walking are killed; the check is broken, not failed: a walk
/// that did not end says nothing about the backup.
/// </summary>
internal static class WalkDeadline
{
    public static async Task<T> RunAsync<T>(SessionLease lease, DumpDate? dumpDate, Func<CancellationToken, Task<T>> walk,
        CancellationToken cancellationToken)
    {
        if (lease.Pool.Walking.Timeout is not { } limit) return await walk(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            return await walk(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var seconds = limit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            throw new ExpectationFailedException(FailureCategory.AmandaUnreachable, lease.Target, dumpDate,
                $"the walk of the disk to end within {seconds} s (BACKUP_ACCEPTANCE_WALK_TIMEOUT)",
                $"it had not ended after {seconds} s; its amrecover sessions were killed", lease.Session.Transcript.Tail());
        }
    }
}
