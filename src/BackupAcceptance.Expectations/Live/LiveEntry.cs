using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Expectations.Live;

/// <summary>One entry of a live disk: its path relative to the DLE's device (exact bytes), its kind, and when its
/// content (mtime) and its inode (ctime: no one can set it back) last changed, in UTC.</summary>
public sealed record LiveEntry(RawPath Path, LiveEntryKind Kind, DateTime ModifiedUtc, DateTime ChangedUtc)
{
    public bool IsRegularFile => Kind == LiveEntryKind.RegularFile;

    public bool IsDirectory => Kind == LiveEntryKind.Directory;

    public override string ToString() => $"{Path} ({Kind})";
}
