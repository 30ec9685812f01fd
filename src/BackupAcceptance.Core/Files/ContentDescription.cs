using System.Security.Cryptography;
using System.Text;

namespace BackupAcceptance.Core.Files;

/// <summary>
/// Restored content described without a byte of it: its size, its SHA-256 and, for UTF-8 text, its line count and
/// longest line. A failure message says this instead of quoting the file: restored data may be a password hash or a
/// key, and messages end up in summaries, TRX and JUnit files, logs and reports that others can read.
/// </summary>
public sealed record ContentDescription(long Bytes, string Sha256, bool IsText, int Lines, int LongestLine)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ContentDescription Of(ReadOnlySpan<byte> content)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return new ContentDescription(content.Length, sha, false, 0, 0);
        }
        var lines = text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
        return new ContentDescription(content.Length, sha, true, lines.Length, lines.Length == 0 ? 0 : lines.Max(l => l.TrimEnd('\r').Length));
    }

    /// <summary>"412 bytes of UTF-8 text in 7 lines (the longest 98 characters), SHA-256 ..."; never the content.</summary>
    public override string ToString() =>
        Bytes == 0 ? $"an empty file (SHA-256 {Sha256})"
        : IsText ? $"{Bytes} bytes of UTF-8 text in {Lines} line{(Lines == 1 ? "" : "s")} (the longest {LongestLine} characters), SHA-256 {Sha256}"
        : $"{Bytes} bytes that are not UTF-8 text, SHA-256 {Sha256}";
}
