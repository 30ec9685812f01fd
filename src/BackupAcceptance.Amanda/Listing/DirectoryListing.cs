namespace BackupAcceptance.Amanda.Listing;

/// <summary>
/// The result of one <c>ls</c>. amrecover tells three situations apart only by shape: no lines at all means there is
/// no dump for the disk at the working date; a lone <c>.</c> line means an empty directory; otherwise entries.
/// <see cref="DumpDate"/> is the date on the <c>.</c> line: the dump this directory is shown from.
/// </summary>
public sealed record DirectoryListing(bool HasDump, DumpDate? DumpDate, IReadOnlyList<ListingEntry> Entries)
{
    public static readonly DirectoryListing NoDump = new(false, null, []);

    public bool IsEmpty => HasDump && Entries.Count == 0;

    public IEnumerable<ListingEntry> Files => Entries.Where(e => !e.IsDirectory);

    public IEnumerable<ListingEntry> Directories => Entries.Where(e => e.IsDirectory);
}
