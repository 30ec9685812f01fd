namespace BackupAcceptance.Amanda.Restoring;

/// <summary>The restore area is no longer the directory the suite made: it was removed, or replaced by another
/// (renamed away and a folder put in its place). What is there now was not restored, so no check may read it.</summary>
public sealed class RestoreAreaChangedException(string path, string found)
    : Exception($"The restore area {path} is not the directory the suite made for the restore: {found}. Nothing in it is judged.");
