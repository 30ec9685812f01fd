using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Sources;
using BackupAcceptance.Suite.Reporting;
using Reqnroll;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>Existence and freshness, from the backup's history: a dump or snapshot at all and the latest's age (one rule
/// of the core for both systems), a level 0's age, a path's recovery point (each system's own: an Amanda chain dates a
/// file by the dump that wrote it).</summary>
public sealed class FreshnessDriver(BackupDriver driver, CheckLedger checks, Evidence evidence, ScenarioReport report,
    IReqnrollOutputHelper output, DiskMeasurements measurements)
{
    public async Task RequireDumpAsync()
    {
        var backup = await driver.OnBackupAsync(FreshnessRules.RequireBackupAsync);
        Recorded(backup, backup.ToString());
    }

    public async Task RequireLatestNoOlderThanAsync(int hours)
    {
        var latest = await driver.OnBackupAsync((view, cancellation) =>
            FreshnessRules.RequireLatestNoOlderThanAsync(view, FreshnessRules.Limit(view, hours), DateTimeOffset.UtcNow, cancellation));
        Recorded(latest, $"latest {latest}");
    }

    /// <summary>One backup found: checked, and on Amanda the dump the disk's measurements are of.</summary>
    private void Recorded(Snapshot backup, string line)
    {
        checks.Record(1, driver.OnRepository ? "snapshot" : "dump");
        if (!driver.OnRepository) measurements.Dump(driver.RequireTarget(), AmandaDiskHistory.DateOf(backup));
        output.WriteLine($"{driver.Subject}: {line}{(backup.Detail is { } detail ? $" ({detail})" : "")}");
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
