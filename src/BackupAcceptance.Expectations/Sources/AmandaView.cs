using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Sources;

/// <summary>
/// Runs one of the core's rules on an Amanda disk (<see cref="AmandaDiskHistory"/>): the rule words the failure in the
/// dump's terms; it comes back as Amanda's own kind, which keeps the disk and the dump date every Amanda report files it
/// under.
/// </summary>
public static class AmandaView
{
    public const string EvidenceName = "amrecover transcript";

    public static Task<T> RunAsync<T>(SessionLease lease, SnapshotChoice choice, Func<BackupInView, CancellationToken, Task<T>> rule,
        CancellationToken cancellationToken) => RunAsync(lease, new AmandaDiskHistory(lease), choice, rule, cancellationToken);

    /// <param name="disk">The disk as the rule sees it: its history, and what else it can answer (its counts).
    /// A failure Amanda's own code words (an <see cref="ExpectationFailedException"/>) comes back as it is.</param>
    public static async Task<T> RunAsync<T>(SessionLease lease, IBackupHistory disk, SnapshotChoice choice,
        Func<BackupInView, CancellationToken, Task<T>> rule, CancellationToken cancellationToken)
    {
        try
        {
            return await rule(new BackupInView(disk, choice, EvidenceName), cancellationToken);
        }
        catch (CheckFailedException failure) when (failure is not ExpectationFailedException)
        {
            throw new ExpectationFailedException(failure.Category, lease.Target,
                failure.BackupId is { } id ? Amanda.Listing.DumpDate.Parse(id) : null, failure.Expected, failure.Found, failure.TranscriptTail,
                failure.InnerException ?? failure) { FilesCounted = failure.FilesCounted };
        }
    }
}
