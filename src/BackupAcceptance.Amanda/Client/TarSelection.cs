using System.Text;
using BackupAcceptance.Amanda.Catalogue;

namespace BackupAcceptance.Amanda.Client;

/// <summary>
/// What Amanda 3.5.1's client gives GNU tar to select a DLE's files (client-src/client_util.c, build_exclude and
/// build_include; sendbackup-gnutar and amgtar both use them): the lines of the <c>--exclude-from</c> file, and of
/// the <c>--files-from</c> file that replaces "." when the DLE has include rules. Built the same way, the same GNU tar
/// then selects the same files, quirks included (a TAB in a pattern is written as <c>\t</c>, which tar reads as "t").
/// Lines are Latin-1 text, one char per byte.
/// </summary>
/// <param name="ExcludeLines">The exclude file, one pattern per line; empty: no <c>--exclude-from</c>.</param>
/// <param name="IncludeLines">The include file; null: no include rules, tar is given ".".</param>
/// <param name="Notes">What Amanda would log and then ignore: a list file it cannot read, an include not starting
/// with "./", includes that match nothing (tar is then given an empty list and archives nothing).</param>
public sealed record TarSelection(IReadOnlyList<string> ExcludeLines, IReadOnlyList<string>? IncludeLines, IReadOnlyList<string> Notes)
{
    /// <summary>The selection of <paramref name="entry"/> now: list files are read from this machine (the client).
    /// <paramref name="device"/> is the directory tar changes to.</summary>
    public static async Task<TarSelection> ForAsync(DiskListEntry entry, string device, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var exclude = new List<string>();
        foreach (var pattern in entry.Exclude.Files) exclude.Add(PatternLine(pattern));
        foreach (var list in entry.Exclude.Lists)
            foreach (var line in await ListLinesAsync(list, device, "exclude", entry.Exclude.Optional, notes, cancellationToken))
                exclude.Add(PatternLine(line));
        if (entry.Include.IsEmpty) return new TarSelection(exclude, null, notes);

        var include = new List<string>();
        var patterns = entry.Include.Files.ToList();
        foreach (var list in entry.Include.Lists)
            patterns.AddRange(await ListLinesAsync(list, device, "include", entry.Include.Optional, notes, cancellationToken));
        foreach (var pattern in patterns)
        {
            if (!pattern.StartsWith("./", StringComparison.Ordinal))
            {
                notes.Add($"include \"{pattern}\" does not start with \"./\": Amanda leaves it out");
                continue;
            }
            // sendbackup runs as the dump user, not root: a pattern with a '/' below "./" is written as it is,
            // one without is expanded by glob(3) in the device.
            var name = pattern[2..];
            if (name.Contains('/')) include.Add(PatternLine(pattern));
            else include.AddRange(IncludeGlob.Expand(device, name).Select(match => "./" + match));
        }
        if (include.Count == 0) notes.Add("the include rules match nothing: Amanda's tar archives nothing");
        return new TarSelection(exclude, include, notes);
    }

    /// <summary>How add_exclude writes a pattern: Amanda's quote_string without the outer quotes, so a pattern
    /// with a space, quote, colon, backslash, control or non-ASCII byte has <c>\\ \" \t \n \r \f</c> escaped.</summary>
    public static string PatternLine(string pattern)
    {
        // quote_string quotes on these; a signed char makes every byte from 0x80 count as "<= ' '".
        if (!pattern.Any(c => c is ':' or '\'' or '\\' or '"' or <= ' ' or >= '\x7F')) return pattern;
        var line = new StringBuilder(pattern.Length + 8);
        foreach (var c in pattern)
        {
            line.Append(c switch
            {
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                '\f' => "\\f",
                '\\' => "\\\\",
                '"' => "\\\"",
                _ => c.ToString(),
            });
        }
        return line.ToString();
    }

    /// <summary>The file's bytes as tar will read it: each line ended by a newline.</summary>
    public static byte[] FileBytes(IEnumerable<string> lines) => Encoding.Latin1.GetBytes(string.Concat(lines.Select(l => l + "\n")));

    // fixup_relative: a list not starting with '/' is in the device; pgets lines, empty ones skipped.
    private static async Task<IReadOnlyList<string>> ListLinesAsync(string list, string device, string kind, bool optional,
        List<string> notes, CancellationToken cancellationToken)
    {
        var path = list.StartsWith('/') ? list : device + "/" + list;
        try
        {
            var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(path)), cancellationToken));
            return text.Split('\n').Where(line => line.Length > 0).ToList();
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            var missing = unreadable is FileNotFoundException or DirectoryNotFoundException;
            notes.Add($"{kind} list {path} cannot be read ({unreadable.Message}): Amanda {(optional && missing ? "notes it" : "reports an error")} and dumps without it");
            return [];
        }
    }
}
