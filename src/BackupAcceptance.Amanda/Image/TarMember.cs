namespace BackupAcceptance.Amanda.Image;

/// <summary>One member of a tar stream as its header names it: the type flag and the name's exact bytes, with the
/// contents kept only for a GNU dumpdir (type <c>D</c>): the list of names the directory held when it was dumped.</summary>
/// <param name="ChangedUtc">The later of the member's mtime and, where GNU tar recorded it (incremental dumps), its
/// ctime: when its content or its inode last changed before the dump.</param>
public sealed record TarMember(char Type, byte[] Name, byte[]? DumpDirectory, DateTime ChangedUtc = default);
