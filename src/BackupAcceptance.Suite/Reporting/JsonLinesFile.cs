using System.Text.Json;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// A history kept across runs as one JSON line per record (the count and estate histories). Appends are serialized
/// within the run; a line that cannot be read (cut short by a run that was killed) is skipped, never fatal: a history
/// is a view of the checks, not a check.
/// </summary>
public sealed class JsonLinesFile<T>(string path) where T : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Path => path;

    public async Task AppendAsync(IEnumerable<T> records, CancellationToken cancellationToken)
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

    /// <summary>Every readable record the file holds that <paramref name="keep"/> accepts, in file order.</summary>
    public async Task<List<T>> ReadAsync(Func<T, bool> keep, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return [];
        var records = new List<T>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            try
            {
                if (JsonSerializer.Deserialize<T>(line, Json) is { } record && keep(record)) records.Add(record);
            }
            catch (JsonException)
            {
                // A line cut short by a run that was killed: the others still tell the story.
            }
        }
        return records;
    }
}
