using System.Text.RegularExpressions;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>
/// Whether a configuration sets a <c>recovery-limit</c> anywhere (globally or in a dumptype, of amanda.conf, a file it
/// includes, or the disklist): amindexd then refuses some disks to some clients at <c>setdisk</c>, which nothing in
/// the server's catalogue or index files shows. Read as text from <c>/etc/amanda/CONFIG</c> (Debian's configuration
/// directory), comments left out; a file that cannot be read counts as a limit, so nothing is assumed.
/// </summary>
public static partial class RecoveryLimits
{
    [GeneratedRegex(@"^\s*includefile\s+""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex IncludeFile();

    [GeneratedRegex(@"^\s*diskfile\s+""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex DiskFile();

    [GeneratedRegex(@"recovery[-_]limit", RegexOptions.IgnoreCase)]
    private static partial Regex Limit();

    /// <returns>Null when no file of the configuration sets one, else where one is (or which file could not be read).</returns>
    public static async Task<string?> FindAsync(string config, CancellationToken cancellationToken, string configRoot = "/etc/amanda")
    {
        var directory = Path.Combine(configRoot, config);
        var pending = new Queue<string>([Path.Combine(directory, "amanda.conf")]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var diskfile = Path.Combine(directory, "disklist");
        while (pending.TryDequeue(out var file))
        {
            if (!seen.Add(file)) continue;
            string text;
            try
            {
                text = Uncommented(await File.ReadAllTextAsync(file, cancellationToken));
            }
            catch (Exception unread) when (unread is IOException or UnauthorizedAccessException)
            {
                return $"{file} could not be read to rule a recovery-limit out ({unread.Message})";
            }
            if (Limit().IsMatch(text)) return $"{file} sets a recovery-limit";
            foreach (Match include in IncludeFile().Matches(text)) pending.Enqueue(Path.Combine(directory, include.Groups[1].Value));
            if (DiskFile().Match(text) is { Success: true } set) diskfile = Path.Combine(directory, set.Groups[1].Value);
            if (pending.Count == 0 && !seen.Contains(diskfile)) pending.Enqueue(diskfile);
        }
        return null;
    }

    private static string Uncommented(string text) =>
        string.Join('\n', text.Split('\n').Select(line => line.IndexOf('#') is var hash and >= 0 ? line[..hash] : line));
}
