using BackupAcceptance.Expectations.Settings;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// results/estate.html: disks × the last BACKUP_ACCEPTANCE_ESTATE_NIGHTS (14) nights, from the estate and count
/// histories the run keeps (Hooks/HistoryHooks write them from each scenario's one verdict). Written by the run when it
/// ends, whatever other reports it makes; the Allure report only attaches it.
/// </summary>
public sealed class EstatePageFile(EstateNight estate, CountHistory counts, int nights, string title, string directory)
{
    public static EstatePageFile For(RunSettings settings, EstateNight estate, CountHistory counts, string title, string directory) =>
        new(estate, counts, (int)(settings.Number(SettingCatalogue.EstateNights) ?? EstateTable.DefaultNights), title, directory);

    /// <summary>Writes the page (atomically: a reader sees the old page or the whole new one).</summary>
    /// <returns>Its path and its text.</returns>
    public async Task<(string Path, string Html)> WriteAsync(CancellationToken cancellationToken)
    {
        var shown = EstateTable.NightsEnding(DateOnly.FromDateTime(estate.Started.LocalDateTime), nights);
        var records = new List<EstateRecord>(estate.Tonight);
        var points = new List<CountPoint>();
        try
        {
            records.AddRange((await estate.History.SinceAsync(shown[0], cancellationToken)).Where(r => r.Run != estate.RunId));
            foreach (var (config, host, disk) in records.Where(r => r.Disk.Length > 0).Select(r => (r.Config, r.Host, r.Disk)).Distinct())
                points.AddRange(await counts.ForDiskAsync(config, host, disk, cancellationToken));
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            // The page is a view: without the histories it still shows tonight.
        }
        var html = EstatePage.Render(EstateTable.Build(shown, records, points), title, DateTimeOffset.Now, "allure-report/index.html");
        var path = Path.Combine(directory, "estate.html");
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, html, new System.Text.UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return (path, html);
    }
}
