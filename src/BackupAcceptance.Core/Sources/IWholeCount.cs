namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that counts a whole backup its own way instead of the core counting its tree: Amanda counts
/// the state a restore of an incremental chain gives, from index files or several amrecover sessions. A capability,
/// not every system has it.</summary>
public interface IWholeCount
{
    Task<BackupCount> CountAsync(Snapshot snapshot, CancellationToken cancellationToken);
}
