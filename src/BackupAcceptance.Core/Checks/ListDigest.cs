using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BackupAcceptance.Core.Checks;

/// <summary>
/// How the report shows a list that grows with the disk: its count and a digest instead of every line, or its first
/// lines and a count of the rest. The digest (SHA-256 of the lines, newline-joined, first 16 hex digits) tells two
/// runs' lists apart; it proves nothing and holds no restored byte (the lines are names and digests already).
/// </summary>
public static class ListDigest
{
    public static string Of(IEnumerable<string> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))))[..16];

    /// <summary>The first <paramref name="cap"/> lines, then "... and N more WHAT (digest of all)" when there are more.</summary>
    public static IReadOnlyList<string> Capped(IEnumerable<string> lines, int cap, string what)
    {
        var all = lines.ToList();
        if (all.Count <= cap) return all;
        return [.. all.Take(cap), string.Create(CultureInfo.InvariantCulture, $"... and {all.Count - cap} more {what} ({all.Count} in all, list digest sha256 {Of(all)})")];
    }
}
