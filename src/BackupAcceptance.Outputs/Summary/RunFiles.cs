using System.Text.Json;

namespace BackupAcceptance.Outputs.Summary;

/// <summary>Reads summary.json files and merges the parts of a sharded run into one.</summary>
public static class RunFiles
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <exception cref="InvalidDataException">Not a summary.json of the schema this program reads.</exception>
    public static async Task<RunFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        RunFile? run;
        try
        {
            run = await JsonSerializer.DeserializeAsync<RunFile>(stream, Options, cancellationToken);
        }
        catch (JsonException bad)
        {
            throw new InvalidDataException($"{path} is not a summary.json: {bad.Message}", bad);
        }
        if (run is null || run.Scenarios is null || run.Counts is null)
            throw new InvalidDataException($"{path} is not a summary.json (no counts or scenarios)");
        if (run.SchemaVersion != RunFile.Schema)
            throw new InvalidDataException($"{path} has schema version {run.SchemaVersion}; this program reads version {RunFile.Schema}");
        return run;
    }

    /// <summary>The parts of one sharded run as one run: every scenario of each part, sorted as one run's summary is;
    /// the earliest start and latest end; counts recomputed; interrupted when any part was.</summary>
    public static RunFile Merge(IReadOnlyList<RunFile> parts)
    {
        if (parts.Count == 1) return parts[0];
        var scenarios = parts.SelectMany(p => p.Scenarios)
            .OrderBy(s => s.Feature, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        return new RunFile(RunFile.Schema, parts.Min(p => p.StartedUtc), parts.Max(p => p.FinishedUtc),
            string.Join(",", parts.Select(p => p.Host).Distinct(StringComparer.Ordinal)),
            null,
            parts.Select(p => p.Interrupted).FirstOrDefault(i => i is not null),
            parts.Sum(p => p.AmrecoverStarts),
            Count(scenarios),
            scenarios);
    }

    public static RunCounts Count(IReadOnlyCollection<ScenarioEntry> scenarios) => new(
        scenarios.Count(s => s.Verdict == ScenarioEntry.Passed),
        scenarios.Count(s => s.Verdict == ScenarioEntry.Failed),
        scenarios.Count(s => s.Verdict is not (ScenarioEntry.Passed or ScenarioEntry.Failed)));

    public static string Render(RunFile run) => JsonSerializer.Serialize(run, Options) + "\n";
}
