namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that estimates a full restore's time its own way instead of the core timing a whole restore
/// (Amanda: one file restored twice and timed, which streams the chain's images, scaled by the chain's stored size from
/// amadmin info). A capability, not every system has it.</summary>
public interface IRecoveryTimeEstimate
{
    /// <summary>The estimate for a full restore of <paramref name="snapshot"/>, not judged: the core's rule holds it
    /// to the bound.</summary>
    Task<RecoveryEstimate> EstimateFullRestoreAsync(Snapshot snapshot, CancellationToken cancellationToken);
}
