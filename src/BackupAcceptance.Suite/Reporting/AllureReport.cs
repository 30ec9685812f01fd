using System.Reflection;
using System.Text.RegularExpressions;
using BackupAcceptance.Expectations.Settings;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// The Allure report of one test run: its configuration and results writer, set up before any scenario
/// (<see cref="Start"/>), and the facts written when the run ends (environment.properties).
/// </summary>
public sealed class AllureReport
{
    private string? _banner;

    private AllureReport(AllureConfig config, AllureResultsWriter writer, CountHistory counts, EstateNight estate)
    {
        Config = config;
        Writer = writer;
        Counts = counts;
        Estate = estate;
    }

    public AllureConfig Config { get; }

    public AllureResultsWriter Writer { get; }

    /// <summary>Every whole count, kept across runs (the run writes it, Hooks/HistoryHooks): read for the per-disk plots.</summary>
    public CountHistory Counts { get; }

    /// <summary>The run's estate records (the run writes them, Hooks/HistoryHooks): read here for the run's start.</summary>
    public EstateNight Estate { get; }

    /// <summary>The estate page (<see cref="EstatePageFile"/>), attached to the report for its readers.</summary>
    public void AttachEstatePage(string html) => Writer.WriteGlobalAttachment("estate: disks × nights (estate.html)", html, "text/html", ".html");

    /// <summary>Loads allure-config.json (a malformed one stops the run with a clear error), empties the results
    /// folder of an earlier run's results, and writes categories, executor and the renderer's configuration.</summary>
    /// <param name="counts">The run's count history (the run keeps it; the report reads it for plots).</param>
    /// <param name="estate">The run's estate records (the run keeps them and writes their page, <see cref="EstatePageFile"/>).</param>
    public static AllureReport Start(RunSettings settings, CountHistory counts, EstateNight estate)
    {
        var path = ConfigPath(settings);
        var config = AllureConfig.Load(path);
        var writer = new AllureResultsWriter(ResultsDirectory(settings, config, path));
        writer.Reset();
        writer.WriteCategories(config.Categories);
        writer.WriteExecutor(CiExecutor.FromEnvironment(config.ReportTitle));
        WriteRendererConfig(config, HistoryPath(settings), Path.GetDirectoryName(writer.Directory)!);
        return new AllureReport(config, writer, counts, estate);
    }

    /// <summary>Remembers the first amrecover banner: it names the Amanda version and the index server.</summary>
    public void RecordBanner(string banner) => Interlocked.CompareExchange(ref _banner, banner, null);

    /// <summary>environment.properties: what this run checked against, its settings ("settings.command_timeout",
    /// a secret's value never), plus the config's extra entries.</summary>
    public void Finish(string amrecoverPath, RunSettings settings)
    {
        var banner = _banner ?? "";
        var version = Regex.Match(banner, @"AMRECOVER Version (\S+?)\.?\s").Groups[1].Value;
        var server = Regex.Match(banner, @"^220 (\S+) AMANDA index server", RegexOptions.Multiline).Groups[1].Value;
        var entries = new Dictionary<string, string>
        {
            ["AmandaVersion"] = version.Length > 0 ? version : "unknown (no session started)",
            ["IndexServer"] = server.Length > 0 ? server : "unknown",
            ["Amrecover"] = amrecoverPath,
            ["Host"] = Environment.MachineName,
            ["RunTime"] = $"{Estate.Started:yyyy-MM-dd HH:mm:ss zzz} to {DateTimeOffset.Now:HH:mm:ss}",
        };
        foreach (var (key, value) in settings.Effective()) entries[$"settings.{key}"] = value;
        foreach (var (key, value) in Config.Environment) entries[key] = value;
        Writer.WriteEnvironment(entries);
    }

    /// <summary>BACKUP_ACCEPTANCE_ALLURE_CONFIG, else allure-config.json at the repository root.</summary>
    public static string ConfigPath(RunSettings settings) =>
        settings.FullPath(SettingCatalogue.AllureConfig) ?? Path.Combine(RepositoryRoot(), "allure-config.json");

    /// <summary>BACKUP_ACCEPTANCE_RESULTS/allure-results when a run names its results folder (run.sh does),
    /// else the config's resultsDirectory, relative to the config file.</summary>
    public static string ResultsDirectory(RunSettings settings, AllureConfig config, string configPath) =>
        settings.FullPath(SettingCatalogue.Results) is { } results
            ? Path.Combine(results, "allure-results")
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(configPath)!, config.ResultsDirectory));

    /// <summary>BACKUP_ACCEPTANCE_ALLURE_HISTORY, else allure-history/history.jsonl at the repository root: kept across
    /// runs (run.sh empties results/), so the report shows trends from the second run on.</summary>
    public static string HistoryPath(RunSettings settings) =>
        settings.FullPath(SettingCatalogue.AllureHistory) ?? Path.Combine(RepositoryRoot(), "allure-history", "history.jsonl");

    /// <summary>allurerc.json for the Allure 3 renderer (run.sh): title, history, categories, one self-contained file.</summary>
    private static void WriteRendererConfig(AllureConfig config, string historyPath, string directory)
    {
        var rc = new
        {
            name = config.ReportTitle,
            historyPath,
            historyLimit = 60,
            categories = config.Categories.Select(c => new { name = c.Name, messageRegex = c.MessageRegex, matchedStatuses = c.MatchedStatuses }),
            plugins = new
            {
                awesome = new
                {
                    options = new { reportName = config.ReportTitle, singleFile = true, reportLanguage = "en", groupBy = config.GroupBy },
                },
            },
        };
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "allurerc.json"),
            System.Text.Json.JsonSerializer.Serialize(rc, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    internal static string RepositoryRoot() =>
        typeof(AllureReport).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BackupAcceptance.RepositoryRoot")?.Value ?? AppContext.BaseDirectory;
}
