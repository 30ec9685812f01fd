using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Listing;

/// <summary>
/// One line of amrecover's <c>ls</c>: the dump it comes from, the entry's exact name, the name as the index spells it
/// (what amrecover matches <c>cd</c> and <c>add</c> against), and whether it is a directory.
/// </summary>
public sealed record ListingEntry(DumpDate DumpDate, RawName Name, string IndexName, bool IsDirectory)
{
    public override string ToString() => IsDirectory ? $"{Name.Display}/" : Name.Display;
}
