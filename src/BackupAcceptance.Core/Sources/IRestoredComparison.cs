namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that holds restored files against the live ones its own way instead of the core reading the
/// backed-up path on this machine (Amanda: the live side as the DLE covers it now, its device, exclude and include
/// lists; a file whose mtime or ctime is after the dump is not compared). A capability, not every system has it.</summary>
public interface IRestoredComparison
{
    /// <summary>The comparison, not judged: the core's rule decides (none compared, a mismatch).</summary>
    Task<RestoreComparison> CompareWithLiveAsync(RestoredSet restored, CancellationToken cancellationToken);

    /// <summary>A whole restore against the live tree, not judged: each restored file against its live one, and each
    /// live file older than the backup looked for in the restore (a mismatch when absent, counted as compared).</summary>
    Task<RestoreComparison> CompareWholeWithLiveAsync(RestoredWhole restored, CancellationToken cancellationToken);
}
