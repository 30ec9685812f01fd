using System.Text;
using System.Text.RegularExpressions;
using BackupAcceptance.Amanda.Catalogue;

namespace BackupAcceptance.Expectations.Live;

/// <summary>
/// The files that define what a DLE backs up: the configuration's amanda.conf (dumptypes, their exclude patterns),
/// the disklist that holds the entry, and its exclude and include list files. The live side reads them as they are
/// now; if one changed since the dump, a live file the restore lacks may have been excluded then, so its absence
/// proves nothing.
/// </summary>
public static partial class DleDefinition
{
    [GeneratedRegex(@"\((/[^()]*)\)\s*$")]
    private static partial Regex DefinedIn();

    /// <returns>The files among them modified after <paramref name="dumpedAtUtc"/>, by path.</returns>
    public static IReadOnlyList<string> ChangedSince(string config, DiskListEntry entry, DateTime dumpedAtUtc)
    {
        var files = new List<string> { $"/etc/amanda/{config}/amanda.conf" };
        if (DefinedIn().Match(entry.DefinedAt) is { Success: true } match) files.Add(match.Groups[1].Value);
        var device = Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(entry.Device));
        foreach (var list in entry.Exclude.Lists.Concat(entry.Include.Lists))
        {
            var path = Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(list));
            files.Add(path.StartsWith('/') ? path : Path.Combine(device, path));
        }
        return files.Where(f => File.Exists(f) && File.GetLastWriteTimeUtc(f) > dumpedAtUtc).Distinct().ToList();
    }
}
