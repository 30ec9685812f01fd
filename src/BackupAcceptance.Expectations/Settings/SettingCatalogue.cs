namespace BackupAcceptance.Expectations.Settings;

/// <summary>
/// Every setting of the suite, one row each: the single source of the validation (<see cref="RunSettings"/>), the
/// Environment section of <c>./run.sh --help</c> and docs/settings.md (tests keep both in step), and the list of keys
/// the settings file may hold (run.d/settings.sh reads them from --help). Adding a setting is adding a row here (then read it where it is used), and
/// <c>BACKUP_ACCEPTANCE_UPDATE_DOCS=1 dotnet test tests/BackupAcceptance.Tests --filter FullyQualifiedName~SettingsDocs</c>.
/// </summary>
public static class SettingCatalogue
{
    // Field initializers run in the order they are written (C# spec): every row below lands here, in that order.
    private static readonly List<Setting> Rows = [];

    /// <summary>In the order --help and docs/settings.md list them.</summary>
    public static IReadOnlyList<Setting> All => Rows;

    private static Setting Row(string name, SettingKind kind, string defaultValue, string meaning, bool inFile = true, bool secret = false)
    {
        var setting = new Setting(name, kind, defaultValue, meaning, inFile, secret);
        Rows.Add(setting);
        return setting;
    }

    public static readonly Setting Settings = Row("SETTINGS", new SettingKind.FilePath(), "/etc/backup-acceptance/settings.conf",
        "the settings file run.sh reads first (key = value lines); a missing default file is fine, a missing named one is an error",
        inFile: false);

    public static readonly Setting Features = Row("FEATURES", new SettingKind.FilePath(), "features/ of this repository",
        "feature files to run: a folder (searched recursively) or one .feature file; --features overrides it");

    public static readonly Setting Amrecover = Row("AMRECOVER", new SettingKind.Word(), "amrecover on PATH", "the amrecover program");

    public static readonly Setting CommandPrefix = Row("COMMAND_PREFIX", new SettingKind.WordList(), "none",
        "words before amrecover, e.g. 'sudo -n' on a runner that is not root");

    public static readonly Setting IndexServer = Row("INDEX_SERVER", new SettingKind.Word(), "amanda-client.conf's index_server",
        "amrecover -s: the index server");

    public static readonly Setting TapeServer = Row("TAPE_SERVER", new SettingKind.Word(), "amanda-client.conf's tape_server",
        "amrecover -t: the tape server");

    public static readonly Setting CommandTimeout = Row("COMMAND_TIMEOUT", new SettingKind.Seconds(), "60",
        "seconds one amrecover command may take");

    public static readonly Setting ExtractStall = Row("EXTRACT_STALL", new SettingKind.Seconds(), "120",
        "seconds a restore's extract may read no data");

    public static readonly Setting ExtractTimeout = Row("EXTRACT_TIMEOUT", new SettingKind.Seconds(), "3600",
        "seconds each step of a restore's extract may take in all");

    public static readonly Setting WalkTimeout = Row("WALK_TIMEOUT", new SettingKind.Seconds(), "no limit",
        "seconds one whole walk of a disk may take");

    /// <summary>At most 30 days: Task.Delay takes about 49 days at most, and a longer limit would silently be none.</summary>
    public static readonly Setting RunTimeout = Row("RUN_TIMEOUT", new SettingKind.Seconds(Maximum: 30 * 86_400), "no limit",
        "seconds the whole run may take (at most 30 days); then it stops as on Ctrl-C");

    public static readonly Setting RestoreDir = Row("RESTORE_DIR", new SettingKind.Folder(), "TMPDIR, else /tmp",
        "where private restore areas are made");

    public static readonly Setting FullRestoreLimitMb = Row("FULL_RESTORE_LIMIT_MB", new SettingKind.WholeNumber(1, 100_000_000, "MiB"), "10240",
        "the largest whole-disk restore, in MiB before compression; a larger one is refused before it starts");

    public static readonly Setting DataCheckTimeout = Row("DATA_CHECK_TIMEOUT", new SettingKind.Seconds(Maximum: 86_400), "300",
        "seconds a command on restored data may take (at most a day)");

    public static readonly Setting IndexFiles = Row("INDEX_FILES", new SettingKind.Choice("auto", "off"), "auto",
        "auto: count whole dumps from the index files, and read an estate from the catalogue and index files (amrecover confirming a sample and every bad disk), when this machine is the Amanda server and may read them; off: always through amrecover");

    public static readonly Setting WalkSessions = Row("WALK_SESSIONS", new SettingKind.WholeNumber(1, 16, "sessions"), "3",
        "amrecover sessions a walk may use");

    public static readonly Setting HostSessions = Row("HOST_SESSIONS", new SettingKind.WholeNumber(1, 16, "sessions"), "4",
        "amrecover sessions at once per configuration and host, moved between its disks (docs/performance.md: on 2 cores, 2 were faster for the estate step, 4 for one scenario per disk)");

    public static readonly Setting Cache = Row("CACHE", new SettingKind.Choice("on", "off"), "on",
        "on: keep each dump's count in $XDG_CACHE_HOME/backup-acceptance (~/.cache/backup-acceptance); off: count every time");

    public static readonly Setting Results = Row("RESULTS", new SettingKind.FilePath(), "results/",
        "where results go: summary.txt, TRX, logs, Allure; one run at a time per folder (a second run is refused, exit 2, with the holder's PID)");

    public static readonly Setting ResultsGroup = Row("RESULTS_GROUP", new SettingKind.Word(), "the user alone (0600/0700)",
        "a group that may read the results, reports and history (0640/0750, setgid folders)");

    public static readonly Setting Seed = Row("SEED", new SettingKind.WholeNumber(int.MinValue, int.MaxValue), "a new one each run",
        "replays the random choices of a run (the seed is printed)");

    public static readonly Setting AllureConfig = Row("ALLURE_CONFIG", new SettingKind.FilePath(), "the repository's allure-config.json",
        "another allure-config.json");

    public static readonly Setting AllureHistory = Row("ALLURE_HISTORY", new SettingKind.FilePath(), "allure-history/history.jsonl",
        "where the report's history is kept");

    public static readonly Setting CountHistory = Row("COUNT_HISTORY", new SettingKind.FilePath(), "allure-history/counts.jsonl",
        "where each disk's file counts are kept across runs (the count plots)");

    public static readonly Setting EstateHistory = Row("ESTATE_HISTORY", new SettingKind.FilePath(), "allure-history/estate.jsonl",
        "where each disk's verdicts are kept across runs (the estate page)");

    public static readonly Setting EstateNights = Row("ESTATE_NIGHTS", new SettingKind.WholeNumber(1, 366), "14",
        "the nights the estate page shows (results/estate.html)");

    public static readonly Setting EvidenceDir = Row("EVIDENCE_DIR", new SettingKind.FilePath(), "evidence/",
        "where ./run.sh evidence writes its archive");

    public static readonly Setting PrometheusTextfile = Row("PROMETHEUS_TEXTFILE", new SettingKind.FilePath(), "results/backup_acceptance.prom only",
        "a copy of the Prometheus textfile for node_exporter's textfile collector, e.g. /var/lib/prometheus/node-exporter/backup_acceptance.prom (mode 0644)");
}
