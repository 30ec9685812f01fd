using BackupAcceptance.Amanda.Session;
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
    public static async Task<WalkSummary> RequireFilesAsync(SessionLease lease, int minimum, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimum);
        var walker = new DiskWalker(lease.Session, lease.Target.Disk);
        int files = 0, directories = 0;
        var complete = true;
        try
        {
            await foreach (var entry in walker.WalkAsync(cancellationToken))
            {
                if (entry.IsDirectory) directories++;
                else if (++files >= minimum) { complete = false; break; }
            }
        }
        catch (AmandaReplyException noDump) when (noDump.Kind == AmandaErrorKind.NoDump)
        {
            throw new ExpectationFailedException(FailureCategory.StaleBackup, lease.Target, null,
                "a dump of the disk", $"none ({noDump.Reply.Split('\n')[0].Trim()})", noDump.TranscriptTail, noDump);
        }
        catch (AmrecoverException failure)
        {
            throw new ExpectationFailedException(FailureCategory.AmandaUnreachable, lease.Target, walker.RootListing?.DumpDate,
                "to walk the disk", failure.Message, failure.TranscriptTail, failure);
        }

        var summary = new WalkSummary(directories, files, walker.RootListing?.DumpDate, complete, walker.Unreachable.Count);
        if (walker.RootListing is { HasDump: false })
            throw new ExpectationFailedException(FailureCategory.StaleBackup, lease.Target, null,
                "a dump of the disk", "an empty listing (no dump at the working date)", lease.Session.Transcript.Tail());
        if (files < minimum)
            throw new ExpectationFailedException(FailureCategory.HollowBackup, lease.Target, summary.DumpDate,
                $"at least {Guard.Plural(minimum, "file")} (directories never count)",
                $"{Guard.Plural(files, "file")} in {Guard.Plural(directories, "directory", "directories")} below the root (the whole disk was walked){summary.UnreachableNote()}",
                lease.Session.Transcript.Tail());
        return summary;
    }
}
