namespace BackupAcceptance.Core.Sources;

/// <summary>
/// What a check needs from a backup system beyond its history (<see cref="IBackupHistory"/>): the whole tree of one
/// backup, one entry of it, and one file of it written into a private place.
/// </summary>
public interface IBackupSource : IBackupHistory
{
    /// <summary>Every entry of one backup below the subject's path, relative to it.</summary>
    Task<SnapshotTree> TreeAsync(Snapshot snapshot, CancellationToken cancellationToken);

    /// <summary>One entry of one backup (relative path), or null when the backup does not hold it: cheaper than the
    /// whole tree when a check asks after one path in many backups (a recovery point).</summary>
    Task<TreeEntry?> EntryAsync(Snapshot snapshot, string path, CancellationToken cancellationToken);

    /// <summary>Writes the file at <paramref name="path"/> (relative, from <see cref="TreeAsync"/>) of one backup to
    /// <paramref name="destination"/>, a new file in a private area, checked by the system as it reads it.</summary>
    Task RestoreFileAsync(Snapshot snapshot, string path, string destination, CancellationToken cancellationToken);
}
