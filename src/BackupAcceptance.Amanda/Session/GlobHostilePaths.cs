using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// Where amrecover 3.5.1's name matching breaks. <c>cd</c> and <c>add</c> match their argument against the current
/// directory's entries with a regex made of the current path with a backslash before every non-alphanumeric
/// character; in GNU extended regexes <c>\'</c>, <c>\`</c>, <c>\&lt;</c> and <c>\&gt;</c> are anchors, not
/// characters, so below a directory whose path holds one of <c>' ` &lt; &gt;</c> nothing ever matches. There,
/// <c>cd</c> falls back to sending its argument to the index server as a literal path, which works when the argument
/// is the entry's exact index name (not glob-escaped) and that name holds no escape (<c>\ooo</c>, <c>\\</c>);
/// <c>add</c> has no such fallback (see Restorer).
/// </summary>
public static class GlobHostilePaths
{
    public static bool Contains(RawPath directory) =>
        directory.Components.Any(c => c.Latin1.AsSpan().IndexOfAny("'`<>") >= 0);

    /// <summary>Whether amrecover's bug, and nothing else, explains a refused <c>cd</c> into <paramref name="entry"/>
    /// from <paramref name="parent"/>: the parent's path has one of <c>' ` &lt; &gt;</c> and the entry's index name
    /// needs an escape. Any other refusal is an error of the backup or of Amanda, never a known gap.</summary>
    public static bool CannotEnter(RawPath parent, ListingEntry entry) =>
        entry.IsDirectory && Contains(parent) && entry.IndexName.Contains('\\');
}
