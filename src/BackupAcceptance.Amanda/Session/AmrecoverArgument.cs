using System.Text;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// Encodes one amrecover argument. <c>cd</c> and <c>add</c> treat their argument as a shell glob matched against the
/// current directory, so an unescaped <c>globdir[1]</c> silently enters <c>globdir1</c>. Rule (docs/amrecover.md, section 3):
/// escape <c>* ? [ ] \</c> with a backslash, then escape <c>\</c> and <c>"</c> again for the quoting, and always wrap
/// in double quotes. Control characters are never sent (readline acts on them: a TAB triggers completion); the
/// session lists in <c>settranslate off</c> mode, where every name is printable ASCII, so none is ever needed.
/// </summary>
public static class AmrecoverArgument
{
    /// <summary>An entry's index name to match in the current directory (<c>cd</c>, <c>add</c>): glob-escaped, quoted.</summary>
    public static string Pattern(string indexName)
    {
        ControlCharacters.Refuse(indexName, nameof(indexName));
        var escaped = new StringBuilder(indexName.Length + 8);
        foreach (var ch in indexName)
        {
            if (ch is '*' or '?' or '[' or ']' or '\\') escaped.Append('\\');
            escaped.Append(ch);
        }
        return Quoted(escaped.ToString());
    }

    /// <summary>A literal value that amrecover does not glob (<c>sethost</c>, <c>setdisk</c>): only quoted.</summary>
    public static string Literal(string value)
    {
        ControlCharacters.Refuse(value, nameof(value));
        return Quoted(value);
    }

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
