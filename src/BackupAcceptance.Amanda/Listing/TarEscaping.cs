using System.Text;

namespace BackupAcceptance.Amanda.Listing;

/// <summary>
/// Reverses GNU tar's escaping of names in Amanda's index: <c>\\</c>, the C escapes <c>\a \b \f \n \r \t \v</c>, and
/// three-digit octal for every other control or non-ASCII byte. amrecover shows this form with
/// <c>settranslate off</c>; it is lossless (translate mode turns a TAB into a plain <c>t</c>) and pure printable
/// ASCII, so a name in this form can be sent back to amrecover without any control character.
/// Works on Latin-1 text (one char per byte).
/// </summary>
public static class TarEscaping
{
    public static string Unescape(string indexName)
    {
        if (!indexName.Contains('\\')) return indexName;
        var result = new StringBuilder(indexName.Length);
        for (var i = 0; i < indexName.Length; i++)
        {
            var ch = indexName[i];
            if (ch != '\\' || i + 1 >= indexName.Length) { result.Append(ch); continue; }
            var next = indexName[++i];
            switch (next)
            {
                case 'a': result.Append('\a'); break;
                case 'b': result.Append('\b'); break;
                case 'f': result.Append('\f'); break;
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 't': result.Append('\t'); break;
                case 'v': result.Append('\v'); break;
                case >= '0' and <= '7': result.Append(OctalEscape.Read(indexName, ref i)); break;
                default: result.Append(next); break; // "\\" and any other escaped character stand for themselves
            }
        }
        return result.ToString();
    }
}
