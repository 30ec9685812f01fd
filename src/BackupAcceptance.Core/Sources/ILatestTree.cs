namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that can list its newest backup's tree without being told its id (restic's "latest"): the
/// core then asks for the history and that tree at once, instead of one after the other.</summary>
public interface ILatestTree
{
    /// <summary>The newest backup of the subject and its tree, or null when there is none.</summary>
    Task<(Snapshot Snapshot, SnapshotTree Tree)?> LatestTreeAsync(CancellationToken cancellationToken);
}
