using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Opens a disk for checking and says what went wrong in the reader's terms: a disk without any dump is a stale
/// backup (a failure, never a pass); an unknown config, host or disk, or an amrecover that will not run, means
/// Amanda is unreachable or misconfigured.
/// </summary>
public static class DiskAccess
{
    public static async Task<SessionLease> OpenAsync(SessionPool pool, BackupTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await pool.RentAsync(target, cancellationToken);
        }
        catch (AmandaReplyException refusal) when (refusal.Kind == AmandaErrorKind.NoDump)
        {
            throw new ExpectationFailedException(FailureCategory.StaleBackup, target, null,
                "a dump of the disk", $"none ({FirstLine(refusal.Reply, "500 ")})", refusal.TranscriptTail, refusal);
        }
        catch (AmandaReplyException refusal)
        {
            throw new ExpectationFailedException(FailureCategory.AmandaUnreachable, target, null,
                $"the index server to know this {What(refusal.Kind)}", $"\"{refusal.Reply.ReplaceLineEndings(" / ")}\"",
                refusal.TranscriptTail, refusal);
        }
        catch (AmrecoverException failure)
        {
            throw new ExpectationFailedException(FailureCategory.AmandaUnreachable, target, null,
                "a working amrecover session", failure.Message, failure.TranscriptTail, failure);
        }
    }

    private static string What(AmandaErrorKind kind) => kind switch
    {
        AmandaErrorKind.UnknownConfig => "configuration",
        AmandaErrorKind.UnknownHost => "host",
        AmandaErrorKind.UnknownDisk => "disk",
        _ => "config, host and disk",
    };

    private static string FirstLine(string text, string prefix) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Trim() ?? text.Trim();
}
