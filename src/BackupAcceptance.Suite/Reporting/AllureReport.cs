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

    private AllureReport(AllureConfig config, AllureResultsWriter writer, CountHistory counts, EstateNight estate, int estateNights)
    {
        Config = config;
        Writer = writer;
        Counts = counts;
        Estate = estate;
        _estateNights = estateNights;
    }

    private readonly int _estateNights;

    public AllureConfig Config { get; }

    public AllureResultsWriter Writer { get; }

    /// <summary>Every whole count, kept across runs (the run writes it, Hooks/HistoryHooks): read for the per-disk plots
    /// and the estate page.</summary>
    public CountHistory Counts { get; }

    /// <summary>Every scenario's verdict per disk, tonight's and kept across runs (the run writes them,
    /// Hooks/HistoryHooks): read for the estate page.</summary>
    public EstateNight Estate { get; }

    /// <summary>results/estate.html: disks × the last BACKUP_ACCEPTANCE_ESTATE_NIGHTS (14) nights from the estate and
    /// count histories, also attached to the Allure report as a global attachment. Returns its path.</summary>
    public async Task<string> WriteEstatePageAsync(CancellationToken cancellationToken)
    {
        var nights = EstateTable.NightsEnding(DateOnly.FromDateTime(Estate.Started.LocalDateTime), _estateNights);
        var records = new List<EstateRecord>(Estate.Tonight);
        var counts = new List<CountPoint>();
        try
        {
            records.AddRange((await Estate.History.SinceAsync(nights[0], cancellationToken)).Where(r => r.Run != Estate.RunId));
            foreach (var (config, host, disk) in records.Where(r => r.Disk.Length > 0).Select(r => (r.Config, r.Host, r.Disk)).Distinct())
                counts.AddRange(await Counts.ForDiskAsync(config, host, disk, cancellationToken));
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            // The page is a view: without the histories it still shows tonight.
        }
        var html = EstatePage.Render(EstateTable.Build(nights, records, counts), Config.ReportTitle, DateTimeOffset.Now, "allure-report/index.html");
        var path = Path.Combine(Path.GetDirectoryName(Writer.Directory)!, "estate.html");
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, html, new System.Text.UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        Writer.WriteGlobalAttachment("estate: disks × nights (estate.html)", html, "text/html", ".html");
        return path;
    }

    /// <summary>Loads allure-config.json (a malformed one stops the run with a clear error), empties the results
    /// folder of an earlier run's results, and writes categories, executor and the renderer's configuration.</summary>
    /// <param name="counts">The run's count history (the run keeps it; the report reads it for plots and the estate page).</param>
    /// <param name="estate">The run's estate records (the run keeps them; the report reads them for the page).</param>
    public static AllureReport Start(RunSettings settings, CountHistory counts, EstateNight estate)
    {
        var path = ConfigPath(settings);
        var config = AllureConfig.Load(path);
        var writer = new AllureResultsWriter(ResultsDirectory(settings, config, path));
        writer.Reset();
        writer.WriteCategories(config.Categories);
        writer.WriteExecutor(CiExecutor.FromEnvironment(config.ReportTitle));
        WriteRendererConfig(config, HistoryPath(settings), Path.GetDirectoryName(writer.Directory)!);
        return new AllureReport(config, writer, counts, estate,
            (int)(settings.Number(SettingCatalogue.EstateNights) ?? EstateTable.DefaultNights));
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
