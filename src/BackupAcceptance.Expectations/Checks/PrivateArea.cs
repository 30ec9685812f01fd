using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Expectations.Failures;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>The restore area for a check, made before anything is restored. A restore root another user could
/// change (<see cref="RestoreRoot"/>) is refused by name as a failed restore: this machine's trouble, never the
/// backup's, and nothing is restored.</summary>
public static class PrivateArea
{
    /// <summary>The rule a restore root must meet, as a failed restore's "expected" (Amanda's and a repository's).</summary>
    public const string TrustedRoot =
        "a restore root that only root or this user can change (BACKUP_ACCEPTANCE_RESTORE_DIR; every folder on its path owned by root or this user, and not writable by others unless sticky)";

    public static RestoreArea Create(BackupTarget target, DumpDate? dumpDate, string? root)
    {
        try
        {
            return RestoreArea.Create(root);
        }
        catch (UntrustedRestoreRootException untrusted)
        {
            throw new ExpectationFailedException(FailureCategory.RestoreFailed, target, dumpDate, TrustedRoot,
                $"{untrusted.Message}; nothing was restored", "", untrusted);
        }
    }
}
