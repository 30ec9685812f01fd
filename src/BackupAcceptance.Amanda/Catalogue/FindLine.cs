using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>One part of one dump, as a line of <c>amadmin CONFIG find</c> shows it.</summary>
/// <param name="Part">The part column as printed: <c>1/1</c>, <c>2/4</c>, <c>-1/-1</c> for a holding file.</param>
/// <param name="Status">Every word after the part: <c>OK</c> for a whole part of a whole dump.</param>
public sealed record FoundPart(string Host, string Disk, DumpDate Date, int Level, string Storage, string Label, int FileNumber,
    string Part, string Status)
{
    public bool IsOk => Status == "OK";
}

/// <summary>
/// Reads a line of <c>amadmin CONFIG find</c> (Amanda 3.5.1), columns padded with spaces:
/// <c>2026-12-07 01:15:42 localhost /srv/fixtures/nightly/split  0 ba-nightly ba-nightly ba-nightly-02  17  1/4 OK</c>
/// (date, time, host, disk, level, storage, pool, label or holding file, file, part, status). A disk or label with a
/// space, quote or odd byte is printed in Amanda's quotes (<see cref="AmandaQuoting"/>); a configuration with
/// <c>usetimestamps no</c> prints the day alone (docs/amrecover.md, section 7).
/// </summary>
public static class FindLine
{
    /// <returns>False for the header, a blank line, or anything else this reader does not know.</returns>
    public static bool TryParse(string line, [NotNullWhen(true)] out FoundPart? part)
    {
        part = null;
        var words = Words(line.TrimEnd('\r'));
        if (words is null || words.Count < 9) return false;
        if (!DateTime.TryParseExact(words[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return false;
        var next = 1;
        var precision = DumpDatePrecision.Day;
        if (TimeSpan.TryParseExact(words[1], @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var time))
        {
            day += time;
            precision = DumpDatePrecision.Second;
            next = 2;
        }
        if (words.Count - next < 8) return false;
        var fields = words.Skip(next).ToList();
        if (!int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var level)
            || !int.TryParse(fields[6], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var file)
            || !fields[7].Contains('/')) return false;
        part = new FoundPart(Text(fields[0]), Text(fields[1]), new DumpDate(day, precision), level, Text(fields[3]), Text(fields[5]),
            file, fields[7], string.Join(' ', fields.Skip(8)));
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
