using System.Reflection;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>The report of one test run: its configuration and the results writer, set up before any scenario.</summary>
public static class AllureRun
{
    private static AllureResultsWriter? _writer;
    private static AllureConfig _config = AllureConfig.Defaults;

    public static AllureConfig Config => _config;

    /// <summary>Null only before the run started (unit tests of step classes).</summary>
    public static AllureResultsWriter? Writer => _writer;

    /// <summary>BACKUP_ACCEPTANCE_ALLURE_CONFIG, else allure-config.json at the repository root.</summary>
    public static string ConfigPath() =>
        Environment.GetEnvironmentVariable("BACKUP_ACCEPTANCE_ALLURE_CONFIG") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(RepositoryRoot(), "allure-config.json");

    /// <summary>BACKUP_ACCEPTANCE_RESULTS/allure-results when a run names its results folder (run.sh does),
    /// else the config's resultsDirectory, relative to the config file.</summary>
    public static string ResultsDirectory(AllureConfig config, string configPath) =>
        Environment.GetEnvironmentVariable("BACKUP_ACCEPTANCE_RESULTS") is { Length: > 0 } results
            ? Path.Combine(Path.GetFullPath(results), "allure-results")
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(configPath)!, config.ResultsDirectory));

    private static readonly DateTimeOffset Started = DateTimeOffset.Now;
    private static string? _banner;

    /// <summary>Remembers the first amrecover banner: it names the Amanda version and the index server.</summary>
    public static void RecordBanner(string banner) => Interlocked.CompareExchange(ref _banner, banner, null);

    /// <summary>environment.properties: what this run checked against, plus the config's extra entries.</summary>
    public static void Finish(string amrecoverPath)
    {
        if (_writer is null) return;
        var banner = _banner ?? "";
        var version = System.Text.RegularExpressions.Regex.Match(banner, @"AMRECOVER Version (\S+?)\.?\s").Groups[1].Value;
        var server = System.Text.RegularExpressions.Regex.Match(banner, @"^220 (\S+) AMANDA index server", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;
        var entries = new Dictionary<string, string>
        {
            ["AmandaVersion"] = version.Length > 0 ? version : "unknown (no session started)",
            ["IndexServer"] = server.Length > 0 ? server : "unknown",
            ["Amrecover"] = amrecoverPath,
            ["Host"] = Environment.MachineName,
            ["RunTime"] = $"{Started:yyyy-MM-dd HH:mm:ss zzz} to {DateTimeOffset.Now:HH:mm:ss}",
        };
        foreach (var (key, value) in _config.Environment) entries[key] = value;
        _writer.WriteEnvironment(entries);
    }

    public static void Start()
    {
        var path = ConfigPath();
        _config = AllureConfig.Load(path);
        _writer = new AllureResultsWriter(ResultsDirectory(_config, path));
        _writer.Reset();
        _writer.WriteCategories(_config.Categories);
        _writer.WriteExecutor(CiExecutor.FromEnvironment(_config.ReportTitle));
        WriteRendererConfig(Path.GetDirectoryName(_writer.Directory)!);
    }

    /// <summary>BACKUP_ACCEPTANCE_ALLURE_HISTORY, else allure-history/history.jsonl at the repository root: kept across
    /// runs (run.sh empties results/), so the report shows trends from the second run on.</summary>
    public static string HistoryPath() =>
        Environment.GetEnvironmentVariable("BACKUP_ACCEPTANCE_ALLURE_HISTORY") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(RepositoryRoot(), "allure-history", "history.jsonl");

    /// <summary>allurerc.json for the Allure 3 renderer (run.sh): title, history, categories, one self-contained file.</summary>
    private static void WriteRendererConfig(string directory)
    {
        var rc = new
        {
            name = _config.ReportTitle,
            historyPath = HistoryPath(),
            historyLimit = 60,
            categories = _config.Categories.Select(c => new { name = c.Name, messageRegex = c.MessageRegex, matchedStatuses = c.MatchedStatuses }),
            plugins = new
            {
                awesome = new
                {
                    options = new { reportName = _config.ReportTitle, singleFile = true, reportLanguage = "en", groupBy = Array.Empty<string>() },
                },
            },
        };
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "allurerc.json"),
            System.Text.Json.JsonSerializer.Serialize(rc, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    private static string RepositoryRoot() =>
        typeof(AllureRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BackupAcceptance.RepositoryRoot")?.Value ?? AppContext.BaseDirectory;
}
