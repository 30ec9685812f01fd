using BackupAcceptance.Expectations.Settings;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// Every whole count the suite takes (files and directories per disk and dump), one JSON line each, kept across runs
/// like the report's history (BACKUP_ACCEPTANCE_COUNT_HISTORY, else allure-history/counts.jsonl at the repository
/// root), so each disk's report can show its file count dump after dump and a disk sinking night after night shows
/// before a threshold fails. A line that cannot be read is skipped, never fatal: the history is a view, not a check.
/// </summary>
public sealed class CountHistory(string path)
{
    /// <summary>Dumps one plot shows at most (the newest).</summary>
    public const int PlotLimit = 60;

    private readonly JsonLinesFile<CountPoint> _file = new(path);

    public string Path => path;

    public static CountHistory At(RunSettings settings, string repositoryRoot) => new(
        settings.FullPath(SettingCatalogue.CountHistory) ?? System.IO.Path.Combine(repositoryRoot, "allure-history", "counts.jsonl"));

    public Task RecordAsync(IEnumerable<CountPoint> points, CancellationToken cancellationToken) =>
        _file.AppendAsync(points, cancellationToken);

    /// <summary>The disk's counts, one per dump (the latest count of a dump wins), oldest dump first, at most
    /// <see cref="PlotLimit"/>.</summary>
    public async Task<IReadOnlyList<CountPoint>> ForDiskAsync(string config, string host, string disk, CancellationToken cancellationToken)
    {
        var points = await _file.ReadAsync(p => p.Config == config && p.Host == host && p.Disk == disk, cancellationToken);
        return points.GroupBy(p => p.Dump, StringComparer.Ordinal).Select(g => g.MaxBy(p => p.Counted)!)
            .OrderBy(p => p.Dump, StringComparer.Ordinal).TakeLast(PlotLimit).ToList();
    }
}
