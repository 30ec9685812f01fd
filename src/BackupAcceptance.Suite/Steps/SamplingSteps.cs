using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Suite.Support;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Sampled walks of large disks: seeded, budgeted, with estimated totals attached to the result.</summary>
[Binding]
[StepLayer(6, "Sampling large disks")]
public sealed class SamplingSteps(BackupContext backup, Evidence evidence, Reporting.ScenarioReport report)
{
    [When("{int} random directories are walked")]
    [StepExample("When 50 random directories are walked", "Lists that many seeded-random directories and attaches the estimated file count with its margin.")]
    public Task WhenRandomDirectoriesAreWalked(int directories) => SampleAsync(SampleBudget.Directories(directories));

    [When("the disk is walked for at most {int} seconds")]
    [StepExample("When the disk is walked for at most 10 seconds", "The same, within a time budget.")]
    public Task WhenTheDiskIsWalkedForAtMost(int seconds) => SampleAsync(SampleBudget.Duration(TimeSpan.FromSeconds(seconds)));

    private async Task SampleAsync(SampleBudget budget)
    {
        var seed = Seeds.Resolve(null);
        report.Facts["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = await Verdict.CheckAsync(backup, async () =>
        {
            var lease = await backup.SessionAsync(CancellationToken.None);
            return await new SamplingWalker(lease.Session, lease.Target.Disk).SampleAsync(seed, budget, CancellationToken.None);
        });
        evidence.Attach("walk statistics", $"{backup.Target}: {result}\n{Seeds.Replay(seed)}" +
            (result.Unreachable.Count > 0 ? $"\nnot entered (amrecover 3.5.1 limitation): {string.Join(", ", result.Unreachable)}" : ""));
    }
}
