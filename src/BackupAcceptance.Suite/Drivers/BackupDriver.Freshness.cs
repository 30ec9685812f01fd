using BackupAcceptance.Expectations.Checks;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>Existence and freshness, from the disk's dump history.</summary>
public sealed partial class BackupDriver
{
    public async Task RequireDumpAsync()
    {
        if (OnRepository)
        {
            await RepositoryBackupAsync();
            return;
        }
        var dump = await OnDiskAsync(FreshnessCheck.RequireDumpAsync);
        checks.Record(1, "dump");
        measurements.Dump(RequireTarget(), dump.Date);
        output.WriteLine($"{Target}: latest dump {dump.Date} (level {dump.Level}, {dump.Storage}:{dump.Label})");
    }

    public async Task RequireLatestNoOlderThanAsync(int hours)
    {
        if (OnRepository)
        {
            await RepositoryLatestNoOlderThanAsync(hours);
            return;
        }
        var dump = await OnDiskAsync((lease, cancellation) =>
            FreshnessCheck.RequireLatestNoOlderThanAsync(lease, FreshnessCheck.Hours(lease.Target, hours), DateTime.Now, cancellation));
        checks.Record(1, "dump");
        measurements.Dump(RequireTarget(), dump.Date);
        output.WriteLine($"{Target}: latest dump {dump.Date}");
    }

    public async Task RequireFullDumpNoOlderThanAsync(int days)
    {
        var dump = await OnDiskAsync((lease, cancellation) =>
            FreshnessCheck.RequireFullDumpNoOlderThanAsync(lease, FreshnessCheck.Days(lease.Target, days), DateTime.Now, cancellation));
        checks.Record(1, "dump");
        output.WriteLine($"{Target}: newest level 0 dump {dump.Date}");
    }

    public async Task RequireRecoveryPointAsync(string path, int hours)
    {
        if (OnRepository)
        {
            await RepositoryRecoveryPointAsync(path, hours);
            return;
        }
        var point = await OnDiskAsync((lease, cancellation) =>
            RecoveryPointCheck.RequireNoOlderThanAsync(lease, path, FreshnessCheck.Hours(lease.Target, hours), DateTime.Now, cancellation));
        checks.Record(1, "recovery point");
        report.Facts["recovery point"] = $"{point.Dump} ({point.Age.TotalHours:0.#} h)";
        evidence.Attach("recovery point", point.ToString());
    }

    public async Task RequireRecoveryTimeAsync(int hours)
    {
        var estimate = await OnDiskAsync((lease, cancellation) =>
            RecoveryTimeCheck.RequireWithinAsync(lease, FreshnessCheck.Hours(lease.Target, hours), cancellation));
        checks.Record(1, "recovery time");
        measurements.RecoveryTime(RequireTarget(), estimate.Slowest);
        report.Facts["estimated full restore"] = $"{estimate.Fastest.TotalSeconds:0.#}-{estimate.Slowest.TotalSeconds:0.#} s";
        evidence.Attach("recovery time", estimate.ToString());
    }
}
