using BackupAcceptance.Expectations.Settings;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// Every scenario's verdict per disk, one JSON line each, kept across runs beside the count history
/// (BACKUP_ACCEPTANCE_ESTATE_HISTORY, else allure-history/estate.jsonl at the repository root): the estate page's
/// nights. A line that cannot be read is skipped, never fatal: the history is a view of the checks, not a check.
/// </summary>
public sealed class EstateHistory(string path)
{
    private readonly JsonLinesFile<EstateRecord> _file = new(path);

    public string Path => path;

    public static EstateHistory At(RunSettings settings, string repositoryRoot) => new(
        settings.FullPath(SettingCatalogue.EstateHistory) ?? System.IO.Path.Combine(repositoryRoot, "allure-history", "estate.jsonl"));

    public Task RecordAsync(IEnumerable<EstateRecord> records, CancellationToken cancellationToken) =>
        _file.AppendAsync(records, cancellationToken);

    /// <summary>The records of the nights from <paramref name="firstNight"/> on (yyyy-MM-dd), oldest first.</summary>
    public async Task<IReadOnlyList<EstateRecord>> SinceAsync(string firstNight, CancellationToken cancellationToken) =>
        await _file.ReadAsync(r => r is { Night: not null, Config: not null, Status: not null } && string.CompareOrdinal(r.Night, firstNight) >= 0,
            cancellationToken);
}
