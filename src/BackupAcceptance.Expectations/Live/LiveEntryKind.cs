namespace BackupAcceptance.Expectations.Live;

/// <summary>What a live entry is, as find's <c>%y</c> tells it (a symbolic link is the link, never followed).</summary>
public enum LiveEntryKind
{
    RegularFile,
    Directory,
    SymbolicLink,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    Other,
}
