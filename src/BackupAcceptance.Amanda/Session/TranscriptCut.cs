using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BackupAcceptance.Amanda.Session;

/// <summary>A text longer than a limit kept as its first quarter and last three quarters (cut at line ends), with a
/// line in between that counts and digests what was left out: never silently lost, never unbounded.</summary>
public static class TranscriptCut
{
    public static string Middle(string text, int limit, string by = "the transcript")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 16);
        if (text.Length <= limit) return text;
        var headEnd = text.LastIndexOf('\n', limit / 4);
        if (headEnd < 0) headEnd = limit / 4;
        var tailStart = text.IndexOf('\n', text.Length - limit * 3 / 4);
        if (tailStart < 0 || tailStart < headEnd) tailStart = text.Length - limit * 3 / 4;
        var cut = text.AsSpan(headEnd, tailStart - headEnd);
        var lines = cut.Count('\n');
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cut.ToString())))[..16];
        return string.Concat(text.AsSpan(0, headEnd),
            string.Create(CultureInfo.InvariantCulture, $"\n… {lines} lines, {cut.Length} characters not kept by {by} (sha256 {digest}) …"),
            text.AsSpan(tailStart));
    }
}
