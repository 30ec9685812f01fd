using System.Globalization;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>
/// How big a disk's dumps were before compression, from the server's own record (<c>amadmin CONFIG info HOST DISK</c>,
/// its "Dumps:" table: the latest dump at each level). amrecover lists no sizes, so this is the only measure of the
/// room a restore needs. Read-only. amadmin refuses to run as root, so root asks as the config's dump user.
/// </summary>
public static partial class DumpSizes
{
    // "          0  20261204  ba-daily-001           3      70      70 0": level, date, label, file, origK, compK, secs.
    // A dump still on the holding disk has no label: "          0  20261206                   0 10 10 1".
    [GeneratedRegex(@"^\s*(\d)\s+(\d{8}(?:\d{6})?)\s+(?:\S+\s+)?-?\d+\s+(-?\d+)\s+(-?\d+)\s+-?\d+\s*$")]
    private static partial Regex DumpLine();

    /// <summary>The latest dump at each level that <c>amadmin info</c> lists, lowest level first; empty when the server
    /// holds no record of the disk.</summary>
    public static IReadOnlyList<DumpSize> Parse(string amadminInfo)
    {
        var sizes = new List<DumpSize>();
        var inDumps = false;
        var sections = 0;
        foreach (var line in amadminInfo.Split('\n'))
        {
            // One disk's record only: a second "Current info for" is another disk's.
            if (line.StartsWith("Current info for ", StringComparison.Ordinal) && ++sections > 1) break;
            if (line.TrimStart().StartsWith("Dumps:", StringComparison.Ordinal)) { inDumps = true; continue; }
            if (!inDumps) continue;
            var match = DumpLine().Match(line);
            if (!match.Success) continue;
            var kib = long.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
            if (kib < 0) continue; // -1: a level never done
            var stored = long.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture);
            sizes.Add(new DumpSize(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, kib, Math.Max(0, stored)));
        }
        return sizes.OrderBy(s => s.Level).ToList();
    }

    /// <summary>The sizes, or null with the reason (amadmin not on this machine: a client of a remote server; no dump
    /// user; the server knows nothing of the disk).</summary>
    public static async Task<(IReadOnlyList<DumpSize>? Sizes, string Reason)> ReadAsync(string config, string host, string disk,
        CancellationToken cancellationToken)
    {
        try
        {
            // Amanda matches host and disk as patterns (/srv is every disk below it): --exact-match, only this disk.
            var (words, refusal) = await DumpUser.CommandAsync(config, ["amadmin", config, "info", "--exact-match", host, disk], cancellationToken);
            if (words is null) return (null, refusal);
            var result = await Cli.Wrap(words[0]).WithArguments(words[1..])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
            if (result.ExitCode != 0)
                return (null, $"{string.Join(' ', words)} failed: {(result.StandardError + result.StandardOutput).Trim().ReplaceLineEndings(" ")}");
            var sizes = Parse(result.StandardOutput);
            return sizes.Count > 0 ? (sizes, "") : (null, $"amadmin {config} info lists no dump of {host} {disk}");
        }
        catch (Exception notFound) when (notFound is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, "amadmin is not installed here (not the Amanda server)");
        }
    }

    /// <summary>The record of <paramref name="dump"/> (same level, same day: amadmin prints the day, or the full stamp),
    /// or null when the record holds another dump at that level (only the latest at each level is kept).</summary>
    public static DumpSize? Of(IReadOnlyList<DumpSize> sizes, DumpRecord dump) =>
        sizes.FirstOrDefault(s => s.Level == dump.Level
            && s.Date.StartsWith(dump.Date.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture), StringComparison.Ordinal));

    /// <summary>The room a restore of the disk needs, as a failure message says it. Only the latest dump at each level
    /// is on record, not the chain a restore reads, so this states the sizes and no bound.</summary>
    public static string Describe(IReadOnlyList<DumpSize> sizes) =>
        $"space needed: the files asked for are part of the disk's dumps, whose latest hold {string.Join(", ", sizes)} " +
        "before compression (amadmin info)";
}
