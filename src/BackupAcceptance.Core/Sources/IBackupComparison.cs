namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that tells two of its backups apart its own way instead of the core comparing their trees
/// (Amanda: the names of the state a restore of each gives, and an incremental's own records of files rewritten in
/// place). A capability, not every system has it.</summary>
public interface IBackupComparison
{
    /// <param name="previous">The backup before <paramref name="backup"/> in the history.</param>
    Task<BackupDifference> CompareAsync(Snapshot backup, Snapshot previous, CancellationToken cancellationToken);
}
