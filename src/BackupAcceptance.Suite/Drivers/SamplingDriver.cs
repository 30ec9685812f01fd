using System.Globalization;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Suite.Reporting;
using BackupAcceptance.Suite.Run;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>Sampled walks of large disks: seeded, budgeted, with estimated totals, judged by their own check.</summary>
public sealed class SamplingDriver(BackupDriver driver, SuiteRun run, CheckLedger checks, Evidence evidence, ScenarioReport report)
{
    private bool _judged;

    /// <summary>A sampled walk by a When step, for the Then step that judges it.</summary>
    public SampleResult? Sample { get; private set; }

    /// <summary>Why the nothing-checked rule fails the scenario on this driver's account, or null.</summary>
    public string? Unjudged => Sample is not null && !_judged
        ? "a sample no Then step judged (use 'Then the estimated file count is at least N')" : null;

    public Task SampleDirectoriesAsync(int directories) =>
        SampleAsync(target => SampleBudget.Directories(StepInput.Require(target, directories, 1, 100_000, "a number of directories")));

    public Task SampleForAsync(int seconds) =>
        SampleAsync(target => SampleBudget.Duration(TimeSpan.FromSeconds(StepInput.Require(target, seconds, 1, 86_400, "a number of seconds"))));

    public async Task RequireEstimatedFilesAsync(int minimum)
    {
        _judged = true;
        if (driver.OnRepository) throw driver.AmandaOnly();
        var sample = Sample ?? throw new InvalidOperationException(
            "No sample: use 'When 50 random directories are walked' or 'When the disk is walked for at most 10 seconds' first.");
        await driver.VerdictAsync(() =>
        {
            SampleCheck.RequireEstimatedFiles(driver.RequireTarget(), sample, minimum, driver.TranscriptTail);
            return Task.FromResult(true);
        });
        checks.Record((int)Math.Min(sample.LowerBound, int.MaxValue), "files (sampled)");
    }

    private async Task SampleAsync(Func<BackupTarget, SampleBudget> budget)
    {
        var seed = Seeds.Resolve(null, run.Settings);
        report.Facts["seed"] = seed.ToString(CultureInfo.InvariantCulture);
        var chosen = await driver.VerdictAsync(() => Task.FromResult(budget(driver.RequireTarget()))); // a bad number fails before any amrecover command
        Sample = await driver.OnDiskAsync((lease, cancellation) => SampleCheck.SampleAsync(lease, seed, chosen, cancellation));
        driver.DumpSeen ??= Sample.DumpDate;
        evidence.Attach("walk statistics", $"{driver.Target}: {Sample}\n{Seeds.Replay(seed)}" +
            (Sample.Unreachable.Count > 0 ? $"\nnot entered (amrecover 3.5.1 limitation): {string.Join(", ", Sample.Unreachable)}" : ""));
    }
}
