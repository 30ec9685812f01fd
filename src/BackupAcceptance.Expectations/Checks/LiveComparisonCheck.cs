using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// The backup against the live directory it came from, when the host is this machine: the file count must be within
/// a percentage. Elsewhere the check cannot run, and says so (it never passes by default).
/// </summary>
public static class LiveComparisonCheck
{
    public static async Task RequireCountWithinLiveAsync(SessionLease lease, int percent, CancellationToken cancellationToken)
    {
        RequireLocal(lease.Target, "the live directory's file count");
        var backup = (await DiskCount.WalkAsync(lease, cancellationToken)).Summary;
        var live = await CountLiveFilesAsync(lease.Target.Disk, cancellationToken);
        var change = live == 0 ? (backup.Files == 0 ? 0 : 100) : 100.0 * (backup.Files - live) / live;
        if (Math.Abs(change) > percent)
            throw new ExpectationFailedException(FailureCategory.CountDrop, lease.Target, backup.DumpDate,
                $"a file count within {percent}% of the live directory ({live} files now)",
                $"{backup.Files} files in the backup ({change:+0.#;-0.#}%){backup.UnreachableNote()}", lease.Session.Transcript.Tail());
    }

    /// <exception cref="ExpectationFailedException">The host is another machine: the check cannot see its files.</exception>
    public static void RequireLocal(BackupTarget target, string what)
    {
        if (!LocalHost.Is(target.Host))
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, target, null,
                $"{what} on this machine", $"host {target.Host} is not this machine ({Environment.MachineName}); the check cannot run here", "");
    }

    /// <summary>Non-directories below the disk, on its own file system, as tar (GNU tar --one-file-system) backs them up.</summary>
    private static async Task<int> CountLiveFilesAsync(string directory, CancellationToken cancellationToken)
    {
        var result = await Cli.Wrap("find").WithArguments([directory, "-xdev", "-mindepth", "1", "!", "-type", "d", "-printf", "."])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        return result.StandardOutput.Length;
    }
}
