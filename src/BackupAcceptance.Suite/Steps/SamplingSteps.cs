using BackupAcceptance.Suite.Drivers;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Sampled walks of large disks: seeded, budgeted, with estimated totals attached to the result and judged
/// by their own Then step (a full-walk step after a sample would decide by a full walk).</summary>
[Binding]
[StepLayer(6, "Sampling large disks")]
public sealed class SamplingSteps(SamplingDriver driver)
{
    [When("{int} random directories are walked")]
    [StepExample("When 50 random directories are walked", "Lists that many seeded-random directories (1 to 100,000) and attaches the estimated file count with its margin. Checks nothing by itself: follow it with 'Then the estimated file count is at least N'.")]
    public Task WhenRandomDirectoriesAreWalked(int directories) => driver.SampleDirectoriesAsync(directories);

    [When("the disk is walked for at most {int} seconds")]
    [StepExample("When the disk is walked for at most 10 seconds", "The same, within a time budget (1 to 86,400 seconds).")]
    public Task WhenTheDiskIsWalkedForAtMost(int seconds) => driver.SampleForAsync(seconds);

    [Then("the estimated file count is at least {int}")]
    [StepView(DumpView.Sample)]
    [StepExample("Then the estimated file count is at least 1000", "Judges the sample: holds when the files it saw, or (from 30 probes on) the estimate's lower 95% bound, reach the number; a sample that listed every directory and saw no file is a hollow backup.",
        "An exact count (use 'the backup contains at least N files', which walks until it has seen them): a 95% bound is wrong one time in twenty.")]
    public Task ThenTheEstimatedFileCountIsAtLeast(int files) => driver.RequireEstimatedFilesAsync(files);
}
