namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// One scenario's verdict on one disk in one run, as the estate history keeps it (one JSON line each): what the
/// estate page needs to show the disk's night, and nothing a restore gave (names, counts and dates only).
/// </summary>
/// <param name="Run">The run's start (UTC, ISO 8601): the scenarios of one run are one night's word on a disk.</param>
/// <param name="Night">The run's local date (yyyy-MM-dd): the page's column.</param>
/// <param name="Host">The host, or "every disk" for a scenario of the whole estate (Disk then empty).</param>
/// <param name="Status">passed, failed, broken or skipped, as in the Allure result.</param>
/// <param name="Category">The failure category's title of a failed or broken scenario ("Hollow backup"), the suite's own
/// (<see cref="ScenarioJudgement"/>), whatever categories allure-config.json gives the Allure report.</param>
/// <param name="Files">The newest whole count the scenario took of the disk, if it took one.</param>
/// <param name="Dump">The dump the scenario looked at (2026-12-05-21-10-58).</param>
/// <param name="DumpAgeHours">That dump's age when the scenario ended.</param>
public sealed record EstateRecord(
    string Run,
    string Night,
    string Config,
    string Host,
    string Disk,
    string Scenario,
    string Status,
    string? Category,
    int? Files,
    string? Dump,
    double? DumpAgeHours);
