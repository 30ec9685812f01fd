using BackupAcceptance.Core.DataChecks;
using BackupAcceptance.Expectations.Settings;
using BackupAcceptance.Suite.Reporting;
using BackupAcceptance.Suite.Run;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>Restored data run through its own tool (sqlite3's integrity check, grep, pg_restore --list), sandboxed, on
/// either system: the files a When step restored, or the whole restore.</summary>
public sealed class DataCheckDriver(BackupDriver driver, RestoreDriver restores, SuiteRun run, CheckLedger checks, Evidence evidence)
{
    public async Task RequireRestoredPassesAsync(string path, string command)
    {
        var (files, whole) = restores.RequireRestored();
        var limit = new DataCheckLimit(run.Settings.DataCheckTimeout(), SettingCatalogue.DataCheckTimeout.Variable);
        var outcome = await driver.OnBackupAsync((view, cancellation) => whole is not null
            ? DataCheckRules.RequirePassesAsync(view, whole, path, command, limit, () => driver.Area(view), cancellation)
            : DataCheckRules.RequirePassesAsync(view, files!, path, command, limit, () => driver.Area(view), cancellation));
        checks.Record(1, "restored data checked by its own tool");
        evidence.Attach("command on restored data", $"$ {outcome.Command}\n({Sandboxed(outcome)}, " +
            $"{outcome.Took.TotalSeconds:0.0} s, exit status {outcome.ExitCode}, {outcome.OutputBytes} bytes of output)\n" +
            (outcome.LeftOut > 0 ? $"{outcome.LeftOut} links or special files of the restored directory left out of the copy (they name other data)\n" : "") +
            outcome.Output);
    }

    /// <summary>How the data check ran, for the report: every isolation it had, and every one this kernel refused.</summary>
    private static string Sandboxed(DataCheckOutcome outcome) => outcome.NetworkIsolated
        ? $"as nobody with no_new_privs, on a copy made for it, without network (unshare -n), in its own PID and IPC namespaces, " +
          $"with private {string.Join(", ", outcome.PrivatePlaces)}, an empty /run and every other mount read-only (a mount namespace; removed with it)"
        : "as nobody, on a copy made for it, WITH network and WITHOUT a private /tmp, /dev/shm, PID or IPC namespace: " +
          "this kernel refuses unshare (the real shared places were searched for what nobody wrote during the check)";
}
