using BackupAcceptance.Core.Failures;
using BackupAcceptance.Expectations.Failures;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>What a scenario's result says of the backup: it held (passed), it is bad (failed: a backup fault), or the
/// suite could not tell (broken: Amanda's servers, this machine, the feature file or the suite are at fault). Allure's
/// status, the console summary and run.sh's exit code all follow it.</summary>
public enum ScenarioVerdict
{
    Passed,
    Failed,
    Broken,
}

public static class ScenarioVerdicts
{
    /// <summary>The failure that decides: the one the driver recorded, else the error itself or the one it wraps.</summary>
    public static CheckFailedException? Failure(CheckFailedException? recorded, Exception error) =>
        recorded ?? error as CheckFailedException ?? error.InnerException as CheckFailedException;

    /// <summary>Only a backup fault fails; any other error (no failure category at all included) is broken.</summary>
    public static ScenarioVerdict Of(CheckFailedException? failure) =>
        failure is not null && failure.Category.IsBackupDefect() ? ScenarioVerdict.Failed : ScenarioVerdict.Broken;

    /// <summary>The summary's word for it, as wide as the others.</summary>
    public static string Word(this ScenarioVerdict verdict) => verdict switch
    {
        ScenarioVerdict.Passed => "PASS  ",
        ScenarioVerdict.Failed => "FAIL  ",
        _ => "BROKEN",
    };
}
