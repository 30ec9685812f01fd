using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Sources;
using BackupAcceptance.Suite.Reporting;
using Reqnroll;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>Existence and freshness, from the backup's history: a dump or snapshot at all and the latest's age (one rule
/// of the core for both systems), a path's recovery point (the core's rule, dated by each system: an Amanda chain dates a
/// file by the dump that wrote it), a level 0's age (Amanda's alone).</summary>
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
        var version = await driver.OnBackupAsync((view, cancellation) =>
            FreshnessRules.RequirePathNoOlderThanAsync(view, path, FreshnessRules.Limit(view, hours), DateTimeOffset.UtcNow, cancellation));
        var age = DateTimeOffset.UtcNow - version.From.Time;
        checks.Record(1, "recovery point");
        report.Facts["recovery point"] = $"{version.From} ({age.TotalHours:0.#} h)";
        evidence.Attach("recovery point", $"/{version.Path}: newest restorable version from {version.From}" +
            $"{(version.From.Detail is { } detail ? $" ({detail})" : "")}, {age.TotalHours:0.#} hours old{version.Note}");
    }
}
