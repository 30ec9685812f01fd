using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Walking;

/// <summary>An entry met during a walk, with its path from the disk's root.</summary>
public sealed record WalkedEntry(RawPath Path, ListingEntry Entry)
{
    public bool IsDirectory => Entry.IsDirectory;

    public override string ToString() => IsDirectory ? $"{Path}/" : Path.ToString();
}
