using BackupAcceptance.Core.Checks;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Suite.Reporting;
using Reqnroll;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>Existence and freshness, from the backup's history: a dump or snapshot at all, the latest's age, a level 0's
/// age, a path's recovery point.</summary>
public sealed class FreshnessDriver(BackupDriver driver, CheckLedger checks, Evidence evidence, ScenarioReport report,
    IReqnrollOutputHelper output, DiskMeasurements measurements)
{
    public async Task RequireDumpAsync()
    {
        if (driver.OnRepository)
        {
            var snapshot = await driver.OnRepositoryAsync(FreshnessRules.RequireBackupAsync);
            checks.Record(1, "snapshot");
            output.WriteLine($"{driver.Repository}: {snapshot}");
            return;
        }
        var dump = await driver.OnDiskAsync(FreshnessCheck.RequireDumpAsync);
        checks.Record(1, "dump");
        measurements.Dump(driver.RequireTarget(), dump.Date);
        output.WriteLine($"{driver.Target}: latest dump {dump.Date} (level {dump.Level}, {dump.Storage}:{dump.Label})");
    }

    public async Task RequireLatestNoOlderThanAsync(int hours)
    {
        if (driver.OnRepository)
        {
            var snapshot = await driver.OnRepositoryAsync((view, cancellation) =>
                FreshnessRules.RequireLatestNoOlderThanAsync(view, FreshnessRules.Limit(view, hours), DateTimeOffset.UtcNow, cancellation));
            checks.Record(1, "snapshot");
            output.WriteLine($"{driver.Repository}: latest {snapshot}");
            return;
        }
        var dump = await driver.OnDiskAsync((lease, cancellation) =>
            FreshnessCheck.RequireLatestNoOlderThanAsync(lease, FreshnessCheck.Hours(lease.Target, hours), DateTime.Now, cancellation));
        checks.Record(1, "dump");
        measurements.Dump(driver.RequireTarget(), dump.Date);
        output.WriteLine($"{driver.Target}: latest dump {dump.Date}");
    }

    public async Task RequireFullDumpNoOlderThanAsync(int days)
    {
        var dump = await driver.OnDiskAsync((lease, cancellation) =>
            FreshnessCheck.RequireFullDumpNoOlderThanAsync(lease, FreshnessCheck.Days(lease.Target, days), DateTime.Now, cancellation));
        checks.Record(1, "dump");
        output.WriteLine($"{driver.Target}: newest level 0 dump {dump.Date}");
    }

    public async Task RequireRecoveryPointAsync(string path, int hours)
    {
        if (driver.OnRepository)
        {
            var snapshot = await driver.OnRepositoryAsync((view, cancellation) =>
                FreshnessRules.RequirePathNoOlderThanAsync(view, path, FreshnessRules.Limit(view, hours), DateTimeOffset.UtcNow, cancellation));
            checks.Record(1, "recovery point");
            report.Facts["recovery point"] = snapshot.ToString();
            return;
        }
        var point = await driver.OnDiskAsync((lease, cancellation) =>
            RecoveryPointCheck.RequireNoOlderThanAsync(lease, path, FreshnessCheck.Hours(lease.Target, hours), DateTime.Now, cancellation));
        checks.Record(1, "recovery point");
        report.Facts["recovery point"] = $"{point.Dump} ({point.Age.TotalHours:0.#} h)";
        evidence.Attach("recovery point", point.ToString());
    }
}
