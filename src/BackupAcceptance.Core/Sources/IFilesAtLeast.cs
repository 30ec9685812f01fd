namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that can tell "at least N files" without counting every one (Amanda: the root's listing, or
/// a walk that stops at the Nth file): the hollow-backup rule asks it before a whole count. A capability, not every
/// system has it.</summary>
public interface IFilesAtLeast
{
    /// <returns>Files counted, at least <paramref name="minimum"/> when the backup holds that many; fewer only when it
    /// was counted whole (<see cref="BackupCount.Complete"/> then says whether every entry could be reached).</returns>
    Task<BackupCount> CountAtLeastAsync(Snapshot snapshot, int minimum, CancellationToken cancellationToken);
}
