using System.Globalization;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Checks;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>Sampled walks of large disks: seeded, budgeted, with estimated totals, judged by their own check.</summary>
public sealed partial class BackupDriver
{
    /// <summary>A sampled walk by a When step, for the Then step that judges it.</summary>
    public SampleResult? Sample { get; private set; }

    private bool _sampleJudged;

    public Task SampleDirectoriesAsync(int directories) =>
        SampleAsync(target => SampleBudget.Directories(StepInput.Require(target, directories, 1, 100_000, "a number of directories")));

    public Task SampleForAsync(int seconds) =>
        SampleAsync(target => SampleBudget.Duration(TimeSpan.FromSeconds(StepInput.Require(target, seconds, 1, 86_400, "a number of seconds"))));

    public async Task RequireEstimatedFilesAsync(int minimum)
    {
        _sampleJudged = true;
        if (OnRepository) throw AmandaOnly();
        var sample = Sample ?? throw new InvalidOperationException(
            "No sample: use 'When 50 random directories are walked' or 'When the disk is walked for at most 10 seconds' first.");
        await VerdictAsync(() =>
        {
            SampleCheck.RequireEstimatedFiles(RequireTarget(), sample, minimum, TranscriptTail);
            return Task.FromResult(true);
        });
        checks.Record((int)Math.Min(sample.LowerBound, int.MaxValue), "files (sampled)");
    }

    private async Task SampleAsync(Func<Expectations.BackupTarget, SampleBudget> budget)
    {
        var seed = Seeds.Resolve(null, run.Settings);
        report.Facts["seed"] = seed.ToString(CultureInfo.InvariantCulture);
        var chosen = await VerdictAsync(() => Task.FromResult(budget(RequireTarget()))); // a bad number fails before any amrecover command
        Sample = await OnDiskAsync((lease, cancellation) => SampleCheck.SampleAsync(lease, seed, chosen, cancellation));
        evidence.Attach("walk statistics", $"{Target}: {Sample}\n{Seeds.Replay(seed)}" +
            (Sample.Unreachable.Count > 0 ? $"\nnot entered (amrecover 3.5.1 limitation): {string.Join(", ", Sample.Unreachable)}" : ""));
    }
}
