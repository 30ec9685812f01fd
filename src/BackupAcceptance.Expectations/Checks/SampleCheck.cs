using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// A file count decided by a sampled walk, not a full one: it holds when the files the sample saw reach the minimum,
/// or when the estimate's lower 95% bound does. A sample that listed every directory counts exactly; one that saw
/// no file anywhere is a hollow backup.
/// </summary>
public static class SampleCheck
{
    /// <summary>Probes the disk within the budget (see <see cref="SamplingWalker"/>); seeded, so it can be replayed.</summary>
    public static Task<SampleResult> SampleAsync(SessionLease lease, int seed, SampleBudget budget, CancellationToken cancellationToken) =>
        Guard.AmandaAsync(lease, null, "to sample the disk",
            () => new SamplingWalker(lease.Session, lease.Target.Disk).SampleAsync(seed, budget, cancellationToken));

    public static void RequireEstimatedFiles(BackupTarget target, SampleResult sample, int minimum, string transcriptTail)
    {
        StepInput.Require(target, minimum, 1, FileCountCheck.MaximumFiles, "a number of files");
        if (sample.LowerBound >= minimum) return;
        var found = sample.Complete
            ? $"{Plural.Of(sample.FilesSeen, "file")} in {Plural.Of(sample.DirectoriesListed, "directory", "directories")} (every directory was listed)"
            : $"an estimated {sample.Files} files, at least {sample.LowerBound:0} (the sample saw {Plural.Of(sample.FilesSeen, "file")} " +
              $"in {Plural.Of(sample.DirectoriesListed, "directory", "directories")}, seed {sample.Seed})";
        // Hollow claims no file anywhere: only a sample that listed every directory can say so.
        var category = sample.Complete && sample.FilesSeen == 0 ? FailureCategory.HollowBackup : FailureCategory.TooFewFiles;
        throw new ExpectationFailedException(category, target, sample.DumpDate,
            $"at least {Plural.Of(minimum, "file")} by sampling (directories never count)", found, transcriptTail);
    }
}
