using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations.Failures;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>The live side of a comparison: the files of a disk's directory on this machine, as tar backs them up.</summary>
public static class LiveFiles
{
    /// <summary>Non-directories below the disk, on its own file system (GNU tar's --one-file-system). A find that
    /// could not read everything gives no count to compare with: the check cannot run, which is a suite defect.</summary>
    public static async Task<int> CountAsync(BackupTarget target, DumpDate? dumpDate, CancellationToken cancellationToken)
    {
        var result = await Cli.Wrap("find").WithArguments([target.Disk, "-xdev", "-mindepth", "1", "!", "-type", "d", "-printf", "."])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        if (result.ExitCode != 0 || result.StandardError.Trim().Length > 0)
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, target, dumpDate,
                $"to count the live files of {target.Disk} on this machine",
                $"find exited with {result.ExitCode}: {result.StandardError.Trim().ReplaceLineEndings(" / ")}", "");
        return result.StandardOutput.Length;
    }
}
