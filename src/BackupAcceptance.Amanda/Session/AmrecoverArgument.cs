using System.Text;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// Encodes one amrecover argument. <c>cd</c> and <c>add</c> treat their argument as a shell glob matched against the
/// current directory, so an unescaped <c>globdir[1]</c> silently enters <c>globdir1</c>. Rule (amanda-facts §6.5):
/// escape <c>* ? [ ] \</c> with a backslash, then escape <c>\</c> and <c>"</c> again for the quoting, and always wrap
/// in double quotes. Control characters are never sent (readline acts on them: a TAB triggers completion), so each
/// becomes the one-character wildcard <c>?</c>; <see cref="NeedsWildcard"/> tells the caller to check uniqueness.
/// </summary>
public static class AmrecoverArgument
{
    /// <summary>A name to match against directory entries (<c>cd</c>, <c>add</c>): glob-escaped and quoted.</summary>
    public static string Pattern(RawName name)
    {
        var escaped = new StringBuilder(name.Latin1.Length + 8);
        foreach (var ch in name.Latin1)
        {
            if (IsControl(ch)) { escaped.Append('?'); continue; }
            if (ch is '*' or '?' or '[' or ']' or '\\') escaped.Append('\\');
            escaped.Append(ch);
        }
        return Quoted(escaped.ToString());
    }

    /// <summary>A literal value that amrecover does not glob (<c>sethost</c>, <c>setdisk</c>): only quoted.</summary>
    public static string Literal(string value)
    {
        if (value.Any(IsControl))
            throw new ArgumentException($"'{value}' contains a control character, which is never sent to amrecover.", nameof(value));
        return Quoted(value);
    }

    public static bool NeedsWildcard(RawName name) => name.Latin1.Any(IsControl);

    /// <summary>Bytes below 0x20 and DEL: readline interprets them, so they must never reach amrecover's stdin.</summary>
    public static bool IsControl(char ch) => ch < ' ' || ch == '\x7F';

    private static string Quoted(string text)
    {
        var quoted = new StringBuilder(text.Length + 8).Append('"');
        foreach (var ch in text)
        {
            if (ch is '\\' or '"') quoted.Append('\\');
            quoted.Append(ch);
        }
        return quoted.Append('"').ToString();
    }
}
