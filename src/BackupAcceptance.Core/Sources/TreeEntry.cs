namespace BackupAcceptance.Core.Sources;

/// <summary>One entry of a backup's tree: its path relative to the subject's ("sub/b"), its kind, and its size and
/// modification time as backed up.</summary>
public sealed record TreeEntry(string Path, EntryKind Kind, long Size, DateTimeOffset ModifiedAt)
{
    public bool IsDirectory => Kind == EntryKind.Directory;
}

/// <summary>Directories never count as files; everything else does, as a restore brings it back. Only regular files
/// have content a restore can be compared by.</summary>
public enum EntryKind
{
    Directory,
    RegularFile,
    Other,

    /// <summary>A socket: listed by the backup, never brought back by a restore (restic and GNU tar leave it out).</summary>
    Socket,
}
