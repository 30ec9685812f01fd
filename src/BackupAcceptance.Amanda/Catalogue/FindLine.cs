using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>
/// Reads a line of <c>amadmin CONFIG find</c> (Amanda 3.5.1), columns padded with spaces:
/// <c>2026-12-07 01:15:42 localhost /srv/fixtures/nightly/split  0 ba-nightly ba-nightly ba-nightly-02  17  1/4 OK</c>
/// (date, time, host, disk, level, storage, pool, label or holding file, file, part, status). A disk or label with a
/// space, quote or odd byte is printed in Amanda's quotes (<see cref="AmandaQuoting"/>); a configuration with
/// <c>usetimestamps no</c> prints the day alone; a failed dump has no label, so the part is found by its form
/// (docs/amrecover.md, section 7).
/// </summary>
public static partial class FindLine
{
    [GeneratedRegex(@"^-?\d+/-?\d+$")]
    private static partial Regex PartWord();

    /// <returns>False for the header, a blank line, or anything else this reader does not know, an OK line with a
    /// column missing included.</returns>
    public static bool TryParse(string line, [NotNullWhen(true)] out FoundPart? part)
    {
        part = null;
        var words = Words(line.TrimEnd('\r'));
        if (words is null || words.Count < 5) return false;
        if (!DateTime.TryParseExact(words[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return false;
        var next = 1;
        var precision = DumpDatePrecision.Day;
        if (TimeSpan.TryParseExact(words[1], @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var time))
        {
            day += time;
            precision = DumpDatePrecision.Second;
            next = 2;
        }
        if (words.Count - next < 4 || !int.TryParse(words[next + 2], NumberStyles.None, CultureInfo.InvariantCulture, out var level)) return false;
        var (host, disk) = (Text(words[next]), Text(words[next + 1]));
        var rest = words.Skip(next + 3).ToList();
        // The first word shaped like a part; the status after it may say anything (a failure's message).
        var at = rest.FindIndex(w => PartWord().IsMatch(w));
        if (at < 0) return false;
        var status = string.Join(' ', rest.Skip(at + 1));
        var middle = rest.Take(at).ToList(); // storage, pool, label, file: a failed dump has no label
        var file = -1;
        var whole = middle.Count == 4 && int.TryParse(middle[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out file);
        if (!whole && status == "OK") return false; // a whole part with a column this reader cannot place
        part = new FoundPart(host, disk, new DumpDate(day, precision), level, middle.Count > 0 ? Text(middle[0]) : "",
            whole ? Text(middle[2]) : "", whole ? file : -1, rest[at], status);
        return true;
    }

    /// <summary>The line's words: runs of spaces part them, except inside Amanda's quotes; null when a quote is left open.</summary>
    private static List<string>? Words(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted && ch == '\\' && i + 1 < line.Length)
            {
                current.Append(ch).Append(line[++i]);
                continue;
            }
            if (ch == '"') quoted = !quoted;
            if (ch == ' ' && !quoted)
            {
                if (current.Length > 0) words.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(ch);
        }
        if (quoted) return null;
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    private static string Text(string word) => Transcript.Utf8(AmandaQuoting.Unquote(word));
}
