using BackupAcceptance.Expectations.Settings;
using System.Text.Json;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// Every scenario's verdict per disk, one JSON line each, kept across runs beside the count history
/// (BACKUP_ACCEPTANCE_ESTATE_HISTORY, else allure-history/estate.jsonl at the repository root): the estate page's
/// nights. A line that cannot be read is skipped, never fatal: the history is a view of the checks, not a check.
/// </summary>
public sealed class EstateHistory(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Path => path;

    public static EstateHistory At(RunSettings settings, string repositoryRoot) => new(
        settings.FullPath(SettingCatalogue.EstateHistory) ?? System.IO.Path.Combine(repositoryRoot, "allure-history", "estate.jsonl"));

    public async Task RecordAsync(IEnumerable<EstateRecord> records, CancellationToken cancellationToken)
    {
        var lines = string.Concat(records.Select(r => JsonSerializer.Serialize(r, Json) + "\n"));
        if (lines.Length == 0) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            await File.AppendAllTextAsync(path, lines, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The records of the nights from <paramref name="firstNight"/> on (yyyy-MM-dd), oldest first.</summary>
    public async Task<IReadOnlyList<EstateRecord>> SinceAsync(string firstNight, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return [];
        var records = new List<EstateRecord>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            try
            {
                if (JsonSerializer.Deserialize<EstateRecord>(line, Json) is { Night: not null, Config: not null, Status: not null } record
                    && string.CompareOrdinal(record.Night, firstNight) >= 0)
                    records.Add(record);
            }
            catch (JsonException)
            {
                // A line cut short by a run that was killed: the other nights still tell the story.
            }
        }
        return records;
    }
}
