using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Suite.Reporting;
using BackupAcceptance.Suite.Run;
using Reqnroll;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>Coverage of a whole configuration: every host and disk, found by listhost and listdisk.</summary>
public sealed class EstateDriver(BackupDriver driver, SuiteRun run, CheckLedger checks, Evidence evidence, IReqnrollOutputHelper output)
{
    public Task UseEstateAsync(string config) =>
        driver.UseEstateAsync(() => EstateCheck.DisksAsync(run.Sessions, config, driver.Cancellation, startHostSessions: true));

    /// <summary>The estate without the disks of the table (host:disk or just the disk).</summary>
    public async Task UseEstateExceptAsync(string config, DataTable exceptions)
    {
        var names = exceptions.Rows.Select(r => r[0].Trim()).ToHashSet();
        await driver.UseEstateAsync(async () =>
            EstateCheck.Without(await EstateCheck.DisksAsync(run.Sessions, config, driver.Cancellation, startHostSessions: true), names, config));
        output.WriteLine($"left out: {string.Join(", ", names)}");
    }

    public async Task RequireEveryDiskAsync(int hours, int files)
    {
        if (driver.OnRepository) throw driver.AmandaOnly();
        var estate = driver.Estate ?? throw new InvalidOperationException("No estate: start with 'Given every disk of ba-daily config'.");
        var lines = await driver.VerdictAsync(() => EstateCheck.RequireEveryDiskAsync(run.Sessions, estate,
            FreshnessCheck.Hours(BackupTarget.Estate(estate.FirstOrDefault()?.Config ?? "?"), hours), files, DateTime.Now, driver.Cancellation));
        checks.Record(estate.Count, "disks");
        evidence.Attach("estate", string.Join("\n", lines));
    }
}
