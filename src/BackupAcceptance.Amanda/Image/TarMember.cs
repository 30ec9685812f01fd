namespace BackupAcceptance.Amanda.Image;

/// <summary>One member of a tar stream as its header names it: the type flag and the name's exact bytes, with the
/// contents kept only for a GNU dumpdir (type <c>D</c>): the list of names the directory held when it was dumped.</summary>
public sealed record TarMember(char Type, byte[] Name, byte[]? DumpDirectory);
