using System.Globalization;
using System.Text.RegularExpressions;

namespace BackupAcceptance.Amanda.Restoring;

/// <summary>
/// amidxtaped's own reason for a restore it did not serve. amrecover only says "Got no header and data from server"
/// for anything that goes wrong before the dump's header, whether the tape server is misconfigured or the tape holds
/// another dump; the reason is in amidxtaped's debug log on the server. Readable when this machine is the server
/// (any auth); on a client of a remote server it is not, and the reason stays unknown.
/// </summary>
public static partial class TapeServerLog
{
    /// <summary>Where Debian's Amanda writes the server programs' debug logs, one folder per configuration.</summary>
    public const string DefaultDirectory = "/var/log/amanda/server";

    /// <summary>The last error amidxtaped logged for the restore of <paramref name="disk"/> on <paramref name="host"/> from
    /// the dump of <paramref name="dumpStamp"/> (yyyyMMddHHmmss, or its first 8 digits) that began at or after
    /// <paramref name="since"/> (this machine's local time, as in the log's name): from the newest such log only, so
    /// an older restore's refusal never explains this one. Null when there is none, it logged no error, or it is not
    /// readable here.</summary>
    public static string? LastError(string config, string host, string disk, string? dumpStamp, DateTime since,
        string directory = DefaultDirectory)
    {
        var from = since.AddSeconds(-1).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture); // names have whole seconds
        IEnumerable<string> logs;
        try
        {
            // amidxtaped.<yyyyMMddHHmmss>[more digits].debug: the name says when it began; sorted, newest first.
            logs = Directory.EnumerateFiles(Path.Combine(directory, config), "amidxtaped.*.debug")
                .Where(path => Began(path) is { } began && string.CompareOrdinal(began, from) >= 0)
                .OrderByDescending(path => Path.GetFileName(path), StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        foreach (var log in logs)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(log);
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
            {
                return null;
            }
            if (!Asked(lines, "HOST", host) || !Asked(lines, "DISK", disk)
                || !lines.Any(l => Control(l, "DATESTAMP") is { } stamp && (dumpStamp is null || stamp.StartsWith(dumpStamp, StringComparison.Ordinal))))
                continue;
            var error = lines.Select(l => Error().Match(l)).LastOrDefault(m => m.Success);
            return error?.Groups["reason"].Value.Trim();
        }
        return null;
    }

    private static string? Began(string path)
    {
        var stamp = Path.GetFileName(path)["amidxtaped.".Length..];
        return stamp.Length >= 14 && stamp[..14].All(char.IsAsciiDigit) ? stamp[..14] : null;
    }

    // amrecover sends HOST and DISK as exact regular expressions: ^name$ with punctuation escaped by a backslash.
    private static bool Asked(string[] lines, string key, string value) =>
        lines.Any(l => Control(l, key) is { } asked && Unescape(asked.TrimStart('^').TrimEnd('$')) == value);

    private static string? Control(string line, string key)
    {
        var marker = $": CTL << {key}=";
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : line[(at + marker.Length)..];
    }

    private static string Unescape(string expression) => Regex.Replace(expression, @"\\(.)", "$1");

    // e.g. ".../Amanda/Restore.pm:2174:error:4900068 Storage 'ba-daily' not found"
    [GeneratedRegex(@":error:\d+ (?<reason>.+)$")]
    private static partial Regex Error();
}
