namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that restores a whole backup its own way and knows what that restore must give, instead of
/// the core restoring a listed tree (<see cref="ITreeRestore"/>). Amanda: one extract of the dump's chain, which
/// applies an incremental's deletions and renames, so the restore must give the chain's state (the newest dump's
/// directory records), not a listing with sizes. A capability, not every system has it.</summary>
public interface IWholeRestore
{
    /// <summary>Restores the whole backup into <paramref name="area"/>; refused before anything is restored (its own
    /// words, a failed restore) when the system cannot tell its size or it exceeds <paramref name="limit"/> or the
    /// free space. The caller removes the area when it fails.</summary>
    Task<RestoredWhole> RestoreWholeAsync(Snapshot snapshot, IPrivateArea area, WholeRestoreLimit limit, CancellationToken cancellationToken);

    /// <summary>What is in the area against what the restore must give, unjudged: the core's rule decides.</summary>
    Task<WholeRestoreComparison> CompareWithStateAsync(RestoredWhole restored, CancellationToken cancellationToken);
}
