namespace BackupAcceptance.Core.Sources;

/// <summary>What one backup holds below the subject's path: files (every entry that is not a directory) and
/// directories, and what the reader must know of how they were counted ("" when nothing).</summary>
public sealed record BackupCount(int Files, int Directories)
{
    /// <summary>Said after the count, beginning with its own separator ("; 2 directories amrecover could not enter").</summary>
    public string Note { get; init; } = "";

    /// <summary>Every entry was counted: the files are the backup's, not a floor (a count that stopped early, or
    /// could not enter some directories, is not).</summary>
    public bool Complete { get; init; } = true;
}
