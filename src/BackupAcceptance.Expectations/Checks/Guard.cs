using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Runs the amrecover part of a check and turns amrecover's failures into the reader's terms: a refusal or a dead
/// session means Amanda is unreachable or misconfigured, with what the check was trying to do.
/// </summary>
internal static class Guard
{
    public static async Task<T> AmandaAsync<T>(SessionLease lease, DumpDate? dumpDate, string doing, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (AmrecoverException failure) when (failure is not AmandaReplyException { Kind: AmandaErrorKind.NoDump })
        {
            throw new ExpectationFailedException(FailureCategory.AmandaUnreachable, lease.Target, dumpDate,
                doing, failure.Message, failure.TranscriptTail, failure);
        }
        catch (AmandaReplyException noDump)
        {
            throw new ExpectationFailedException(FailureCategory.StaleBackup, lease.Target, dumpDate,
                "a dump of the disk", $"none ({noDump.Reply.Split('\n')[0].Trim()})", noDump.TranscriptTail, noDump);
        }
    }

    public static string Plural(int count, string one, string? many = null) => $"{count} {(count == 1 ? one : many ?? one + "s")}";
}
