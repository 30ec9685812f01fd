using BackupAcceptance.Core.Checks;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>The backup system's own check of its store (restic check): Amanda has none the suite runs.</summary>
public sealed class RepositoryDriver(BackupDriver driver, CheckLedger checks)
{
    public async Task RequireRepositoryCleanAsync(int? readDataPercent)
    {
        if (!driver.OnRepository) throw driver.Misuse("a restic repository ('Given restic repository ... for ... ...'): Amanda has no check of its own store here");
        await driver.OnRepositoryAsync(async (view, cancellation) =>
        {
            await RepositoryRule.RequireCleanAsync(view, readDataPercent, cancellation);
            return true;
        });
        checks.Record(1, "repository check");
    }
}
