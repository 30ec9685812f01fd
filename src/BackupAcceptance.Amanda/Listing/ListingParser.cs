using System.Text.RegularExpressions;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Listing;

/// <summary>
/// Parses the output of amrecover's <c>ls</c> in <c>settranslate off</c> mode (Latin-1 text, one char per byte):
/// each name is Amanda-quoted around the index's tar-escaped form, so decoding takes both steps.
/// </summary>
public static partial class ListingParser
{
    [GeneratedRegex(@"^(\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d) (.*)$")]
    private static partial Regex LinePattern();

    public static DirectoryListing Parse(string output)
    {
        var entries = new List<ListingEntry>();
        DumpDate? directoryDate = null;
        foreach (var line in output.Split('\n'))
        {
            var match = LinePattern().Match(line.TrimEnd('\r'));
            if (!match.Success) continue; // amrecover's own notes ("500 ...") are not entries
            var date = DumpDate.Parse(match.Groups[1].Value);
            var raw = match.Groups[2].Value;
            if (raw == ".") { directoryDate = date; continue; }
            var indexName = AmandaQuoting.Unquote(raw);
            var isDirectory = indexName.EndsWith('/');
            if (isDirectory) indexName = indexName[..^1];
            entries.Add(new ListingEntry(date, new RawName(TarEscaping.Unescape(indexName)), indexName, isDirectory));
        }
        return directoryDate is not null || entries.Count > 0
            ? new DirectoryListing(true, directoryDate ?? entries[0].DumpDate, entries)
            : DirectoryListing.NoDump;
    }
}
