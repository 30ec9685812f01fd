using System.Globalization;
using System.Text.RegularExpressions;
using BackupAcceptance.ReqnrollNUnit;

namespace BackupAcceptance.Suite.Run;

/// <summary>
/// One of N parts of a run (BACKUP_ACCEPTANCE_SHARD=I/N, run.sh --shard I/N), so N runners share an estate. Every
/// scenario of one disk lands in the same part (keyed by the config, host and disk of its Given step), so no disk's
/// index audit, clock check or first browse is paid in two parts; a scenario with no disk (the estate) is keyed by its feature and name. The keys
/// of all scenarios are sorted and dealt out in turn: the same feature files give the same parts on every machine, and
/// no part is empty while there are at least N keys (a hash would leave one of four parts empty for 8 disks in two
/// runs of five).
/// </summary>
public sealed partial record ScenarioShard(int Index, int Count)
{
    public const string Variable = "BACKUP_ACCEPTANCE_SHARD";

    /// <summary>Runners one estate may be split over; more is a typo.</summary>
    public const int MaximumCount = 1000;

    [GeneratedRegex(@"^(\S+) config for (\S+) (.+)$")]
    private static partial Regex DiskStep();

    [GeneratedRegex(@"^every disk of (\S+) config")]
    private static partial Regex EstateStep();

    [GeneratedRegex(@"^\s*(\d+)\s*/\s*(\d+)\s*$")]
    private static partial Regex Setting();

    /// <summary>The shard the environment asks for, or null for the whole run.</summary>
    /// <exception cref="ArgumentException">A value that is not I/N with 1 ≤ I ≤ N ≤ 1000.</exception>
    public static ScenarioShard? FromEnvironment(Func<string, string?> env)
    {
        var value = env(Variable);
        if (string.IsNullOrWhiteSpace(value)) return null;
        var match = Setting().Match(value);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count is < 1 or > MaximumCount || index < 1 || index > count)
            throw new ArgumentException($"{Variable}='{value}' is not a shard: expected I/N with 1 <= I <= N <= {MaximumCount}, e.g. 2/4.");
        return new ScenarioShard(index, count);
    }

    public IReadOnlyList<FeatureDefinition> Select(IReadOnlyList<FeatureDefinition> features)
    {
        var keys = features.SelectMany(f => f.Scenarios).Select(Key).Distinct().Order(StringComparer.Ordinal).ToList();
        var part = keys.Select((key, rank) => (key, rank)).ToDictionary(k => k.key, k => k.rank % Count + 1, StringComparer.Ordinal);
        return FeatureCatalog.Select(features, scenario => part[Key(scenario)] == Index);
    }

    /// <summary>"disk ba-daily localhost /etc" from the scenario's Given step (background included), "estate ba-daily" for
    /// a whole configuration, else "scenario FILE NAME".</summary>
    public static string Key(ScenarioDefinition scenario)
    {
        foreach (var step in scenario.Steps)
        {
            if (DiskStep().Match(step.Text) is { Success: true } disk)
                return $"disk {disk.Groups[1].Value} {disk.Groups[2].Value} {disk.Groups[3].Value.Trim().Trim('"')}";
            if (EstateStep().Match(step.Text) is { Success: true } estate)
                return $"estate {estate.Groups[1].Value}";
        }
        return $"scenario {scenario.Feature.RelativePath} {scenario.Name}";
    }

    public override string ToString() => $"shard {Index}/{Count}";
}
