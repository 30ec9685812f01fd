using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BackupAcceptance.ReqnrollNUnit;

namespace BackupAcceptance.Suite.Run;

/// <summary>
/// One of N parts of a run (BACKUP_ACCEPTANCE_SHARD=I/N, run.sh --shard I/N), so N runners share an estate. Every
/// scenario of one disk lands in the same shard (keyed by the config, host and disk of its Given step), so each disk
/// still costs one amrecover session; a scenario with no disk (the estate) is keyed by its feature and name. The key's
/// SHA-256 decides: the same scenarios land in the same shard on every machine and every night.
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

    public IReadOnlyList<FeatureDefinition> Select(IReadOnlyList<FeatureDefinition> features) =>
        FeatureCatalog.Select(features, Includes);

    public bool Includes(ScenarioDefinition scenario) => ShardOf(Key(scenario), Count) == Index;

    /// <summary>"disk daily localhost /etc" from the scenario's Given step (background included), "estate daily" for
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

    /// <returns>1 to <paramref name="count"/>.</returns>
    public static int ShardOf(string key, int count)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return (int)(BitConverter.ToUInt64(hash, 0) % (ulong)count) + 1;
    }

    public override string ToString() => $"shard {Index}/{Count}";
}
