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

    /// <summary>The last error amidxtaped logged for a restore of <paramref name="disk"/> on <paramref name="host"/> from the
    /// dump of <paramref name="dumpStamp"/> (yyyyMMddHHmmss, or its first 8 digits), among its logs of
    /// <paramref name="config"/> written since <paramref name="since"/>; null when none is readable here.</summary>
    public static string? LastError(string config, string host, string disk, string? dumpStamp, DateTime since,
        string directory = DefaultDirectory)
    {
        var folder = Path.Combine(directory, config);
        IEnumerable<FileInfo> logs;
        try
        {
            logs = new DirectoryInfo(folder).EnumerateFiles("amidxtaped.*.debug")
                .Where(f => f.LastWriteTimeUtc >= since.ToUniversalTime())
                .OrderByDescending(f => f.LastWriteTimeUtc)
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
                lines = File.ReadAllLines(log.FullName);
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (!Asked(lines, "HOST", host) || !Asked(lines, "DISK", disk)
                || !lines.Any(l => Control(l, "DATESTAMP") is { } stamp && (dumpStamp is null || stamp.StartsWith(dumpStamp, StringComparison.Ordinal))))
                continue;
            var error = lines.Select(l => Error().Match(l)).LastOrDefault(m => m.Success);
            if (error is not null) return error.Groups["reason"].Value.Trim();
        }
        return null;
    }

    // amrecover sends HOST and DISK as exact regular expressions: ^name$ with punctuation escaped by a backslash.
    private static bool Asked(string[] lines, string key, string value) =>
        lines.Any(l => Control(l, key) is { } asked && Unescape(asked.TrimStart('^').TrimEnd('$')) == value);

    private static string? Control(string line, string key)
    {
        var at = line.IndexOf($": CTL << {key}=", StringComparison.Ordinal);
        return at < 0 ? null : line[(at + key.Length + 10)..];
    }

    private static string Unescape(string expression) => Regex.Replace(expression, @"\\(.)", "$1");

    // e.g. ".../Amanda/Restore.pm:2174:error:4900068 Storage 'daily' not found"
    [GeneratedRegex(@":error:\d+ (?<reason>.+)$")]
    private static partial Regex Error();
}
