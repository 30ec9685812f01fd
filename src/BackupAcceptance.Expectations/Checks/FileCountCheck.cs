using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// The hollow-backup detector: a backup holding only directories restores nothing, so only files count. Walks the
/// disk in one session and stops as soon as enough files were seen.
/// </summary>
public static class FileCountCheck
{
    /// <summary>Files needed at most: a number past any real disk is a typo, not a requirement.</summary>
    public const int MaximumFiles = 1_000_000_000;

    public static async Task<WalkSummary> RequireFilesAsync(SessionLease lease, int minimum, CancellationToken cancellationToken)
    {
        StepInput.Require(lease.Target, minimum, 1, MaximumFiles, "a number of files");
        var walker = new DiskWalker(lease.Session, lease.Target.Disk);
        var (files, directories, complete) = await Guard.AmandaAsync(lease, null, "to walk the disk",
            () => FileTally.UntilAsync(walker, minimum, cancellationToken));

        var summary = new WalkSummary(directories, files, walker.RootListing?.DumpDate, complete, walker.Unreachable.Count);
        if (files < minimum)
            throw new ExpectationFailedException(FailureCategory.HollowBackup, lease.Target, summary.DumpDate,
                $"at least {Guard.Plural(minimum, "file")} (directories never count)",
                $"{Guard.Plural(files, "file")} in {Guard.Plural(directories, "directory", "directories")} below the root (the whole disk was walked){summary.UnreachableNote()}",
                lease.Session.Transcript.Tail());
        return summary;
    }
}
