using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Suite.Support;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Sampled walks of large disks: seeded, budgeted, with estimated totals attached to the result and judged
/// by their own Then step (a full-walk step after a sample would decide by a full walk).</summary>
[Binding]
[StepLayer(6, "Sampling large disks")]
public sealed class SamplingSteps(BackupContext backup, CheckLedger checks, Evidence evidence, Reporting.ScenarioReport report)
{
    [When("{int} random directories are walked")]
    [StepExample("When 50 random directories are walked", "Lists that many seeded-random directories (1 to 100,000) and attaches the estimated file count with its margin. Checks nothing by itself: follow it with 'Then the estimated file count is at least N'.")]
    public Task WhenRandomDirectoriesAreWalked(int directories) =>
        SampleAsync(budget: target => SampleBudget.Directories(StepInput.Require(target, directories, 1, 100_000, "a number of directories")));

    [When("the disk is walked for at most {int} seconds")]
    [StepExample("When the disk is walked for at most 10 seconds", "The same, within a time budget (1 to 86,400 seconds).")]
    public Task WhenTheDiskIsWalkedForAtMost(int seconds) =>
        SampleAsync(budget: target => SampleBudget.Duration(TimeSpan.FromSeconds(StepInput.Require(target, seconds, 1, 86_400, "a number of seconds"))));

    [Then("the estimated file count is at least {int}")]
    [StepExample("Then the estimated file count is at least 1000", "Judges the sample: holds when the files it saw, or the estimate's lower 95% bound, reach the number; a sample that listed every directory and saw no file is a hollow backup.",
        "An exact count (use 'the backup contains at least N files', which walks until it has seen them).")]
    public async Task ThenTheEstimatedFileCountIsAtLeast(int files)
    {
        var sample = backup.Sample ?? throw new InvalidOperationException(
            "No sample: use 'When 50 random directories are walked' or 'When the disk is walked for at most 10 seconds' first.");
        await Verdict.CheckAsync(backup, () =>
        {
            SampleCheck.RequireEstimatedFiles(backup.RequireTarget(), sample, files, backup.TranscriptTail);
            return Task.FromResult(true);
        });
        checks.Record((int)Math.Min(sample.LowerBound, int.MaxValue), "files (sampled)");
    }

    private async Task SampleAsync(Func<Expectations.BackupTarget, SampleBudget> budget)
    {
        var seed = Seeds.Resolve(null);
        report.Facts["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = await Verdict.CheckAsync(backup, async () =>
        {
            var chosen = budget(backup.RequireTarget()); // a bad number fails before any amrecover command
            var lease = await backup.SessionAsync(CancellationToken.None);
            try
            {
                return await new SamplingWalker(lease.Session, lease.Target.Disk).SampleAsync(seed, chosen, CancellationToken.None);
            }
            catch (Amanda.Session.AmrecoverException failure)
            {
                throw Expectations.Failures.AmandaFailures.Translate(lease.Target, null, "to sample the disk", failure);
            }
        });
        backup.Sample = result;
        evidence.Attach("walk statistics", $"{backup.Target}: {result}\n{Seeds.Replay(seed)}" +
            (result.Unreachable.Count > 0 ? $"\nnot entered (amrecover 3.5.1 limitation): {string.Join(", ", result.Unreachable)}" : ""));
    }
}
