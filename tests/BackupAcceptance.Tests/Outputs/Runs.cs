using BackupAcceptance.Outputs.Summary;

namespace BackupAcceptance.Tests.Outputs;

/// <summary>Runs as summary.json describes them, for the writers' tests: a hollow disk (a backup fault), an unknown
/// disk (could not check) and a disk that passed, or any mix of them.</summary>
internal static class Runs
{
    public static readonly DateTimeOffset Start = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);

    public static ScenarioEntry Hollow(string feature = "Mixed") => new(feature, "hollow disk", ScenarioEntry.Failed, "Hollow backup",
        "Hollow backup: ba-daily localhost:/srv/fixtures/hollow (dump 2026-12-06-19-00-00): expected at least 1 file (directories never count); found 0 files in 7 directories below the root (the whole disk was walked).",
        "ba-daily", "localhost", "/srv/fixtures/hollow", "2026-12-06-19-00-00", [], 1.5,
        [new DiskEntry("ba-daily", "localhost", "/srv/fixtures/hollow", "2026-12-06-19-00-00", 0, 3600, null)]);

    public static ScenarioEntry Unknown(string feature = "Mixed") => new(feature, "unknown disk", ScenarioEntry.Broken, "Amanda unreachable or misconfigured",
        "Amanda unreachable or misconfigured: ba-daily localhost:/srv/no-such-disk (no dump selected): expected the disk in the index; found 501 No index records for disk.",
        "ba-daily", "localhost", "/srv/no-such-disk", null, [], 0.2, []);

    public static ScenarioEntry Etc(string feature = "Mixed", int? files = 1234) => new(feature, "etc holds files", ScenarioEntry.Passed, null, "",
        "ba-daily", "localhost", "/etc", "2026-12-06-19-00-00", ["etc"], 0.7,
        [new DiskEntry("ba-daily", "localhost", "/etc", "2026-12-06-19-00-00", files, 3600, 42.5)]);

    public static RunFile Of(params ScenarioEntry[] scenarios) => new(RunFile.Schema, Start, Start.AddMinutes(2), "amanda01", null, null, 2,
        RunFiles.Count(scenarios), scenarios);
}
