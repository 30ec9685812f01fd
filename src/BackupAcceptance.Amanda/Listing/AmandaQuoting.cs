using System.Text;

namespace BackupAcceptance.Amanda.Listing;

/// <summary>
/// Reverses Amanda's <c>quote_string</c>: names with a space, quote, backslash, colon, control or non-ASCII byte are
/// shown in double quotes with <c>\\ \" \t \n \r \f</c> and octal escapes. Works on Latin-1 text (one char per byte).
/// </summary>
public static class AmandaQuoting
{
    public static string Unquote(string text)
    {
        if (!text.Contains('"') && !text.Contains('\\')) return text;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '"') continue;
            if (ch != '\\') { result.Append(ch); continue; }
            if (++i >= text.Length) break; // a trailing backslash is dropped, as Amanda does
            var escaped = text[i];
            switch (escaped)
            {
                case 'n': result.Append('\n'); break;
                case 't': result.Append('\t'); break;
                case 'r': result.Append('\r'); break;
                case 'f': result.Append('\f'); break;
                case >= '0' and <= '7':
                    var octal = OctalEscape.Read(text, ref i);
                    if (octal != '\0') result.Append(octal); // Amanda drops an escaped NUL
                    break;
                default: result.Append(escaped); break;
            }
        }
        return result.ToString();
    }
}
