using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>
/// One <c>201-</c> line of amrecover's <c>history</c>: <c>201- DATE LEVEL TAPELIST</c>. The tape list is amindexd's
/// marshalled form (marshal_tapelist): volumes separated by <c>;</c>, each <c>storage:label:files</c>, the files
/// comma-separated, and <c>, ; : \</c> in a storage or label escaped with a backslash. Seen on Amanda 3.5.1:
/// <c>201- 2026-11-26-20-09-55 0 ba-daily:ba-daily-02:1</c>, and a dump split into seven parts (<c>part-size</c>)
/// <c>201- 2026-12-06-13-09-01 0 ba-nightly:ba-nightly-03:1,2,3,4,5,6,7</c>. A dump on the holding disk has storage
/// <c>HOLDING</c> and file <c>-1</c> (docs/amrecover.md, section 5).
/// </summary>
public static partial class HistoryLine
{
    [GeneratedRegex(@"^201- (\S+) (\d+) (.+)$")]
    private static partial Regex Line();

    /// <returns>False for lines that are not a dump (the 200 header and trailer).</returns>
    public static bool TryParse(string line, [NotNullWhen(true)] out DumpRecord? record)
    {
        record = null;
        var match = Line().Match(line.TrimEnd('\r'));
        if (!match.Success || !DumpDate.TryParse(match.Groups[1].Value, out var date)
            || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var level)) return false;
        var location = match.Groups[3].Value.Trim();
        // Where a dump is stored is for messages only: a tape list this parser cannot read keeps the dump (date and
        // level make the chain) rather than failing every check of the disk, as a split dump once did.
        record = new DumpRecord(date, level, Volumes(location) ?? [], location);
        return true;
    }

    private static IReadOnlyList<DumpVolume>? Volumes(string location)
    {
        var volumes = new List<DumpVolume>();
        foreach (var volume in Split(location, ';'))
        {
            var fields = Split(volume, ':');
            // Older amindexd (no storage in the list) printed label:files.
            var (storage, label, files) = fields.Count switch
            {
                3 => (Unescape(fields[0]), Unescape(fields[1]), fields[2]),
                2 => ("", Unescape(fields[0]), fields[1]),
                _ => (null, null, null),
            };
            if (storage is null || label is null || files is null) return null;
            var numbers = new List<int>();
            foreach (var file in files.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(file, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return null;
                numbers.Add(number);
            }
            volumes.Add(new DumpVolume(storage, label, numbers));
        }
        return volumes.Count > 0 ? volumes : null;
    }

    /// <summary>Splits on <paramref name="separator"/> where it is not escaped; the escapes stay for <see cref="Unescape"/>.</summary>
    private static List<string> Split(string text, char separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                current.Append(text[i]).Append(text[++i]);
                continue;
            }
            if (text[i] == separator)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(text[i]);
        }
        parts.Add(current.ToString());
        return parts;
    }

    private static string Unescape(string text)
    {
        var plain = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
            plain.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
        return plain.ToString();
    }
}
