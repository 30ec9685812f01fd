using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Listing;

/// <summary>One line of amrecover's <c>ls</c>: the dump it comes from, its unquoted name, and whether it is a directory.</summary>
public sealed record ListingEntry(DumpDate DumpDate, RawName Name, bool IsDirectory)
{
    public override string ToString() => IsDirectory ? $"{Name.Display}/" : Name.Display;
}
