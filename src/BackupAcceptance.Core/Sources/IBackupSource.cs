namespace BackupAcceptance.Core.Sources;

/// <summary>
/// What a check needs from a backup system, for one thing it backs up (a restic host and path): its backups and their
/// times, the whole tree of one backup, one file of it written into a private place, and the tail of what the system's
/// tool said. A refusal of the system's own comes as a <see cref="SourceRefusedException"/> with its category.
/// </summary>
public interface IBackupSource
{
    /// <summary>How the reader names it: "restic /srv/repo localhost:/etc".</summary>
    string Subject { get; }

    /// <summary>The backups of this subject, oldest first; none when it was never backed up.</summary>
    Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken);

    /// <summary>Every entry of one backup below the subject's path, relative to it.</summary>
    Task<SnapshotTree> TreeAsync(Snapshot snapshot, CancellationToken cancellationToken);

    /// <summary>One entry of one backup (relative path), or null when the backup does not hold it: cheaper than the
    /// whole tree when a check asks after one path in many backups (a recovery point).</summary>
    Task<TreeEntry?> EntryAsync(Snapshot snapshot, string path, CancellationToken cancellationToken);

    /// <summary>Writes the file at <paramref name="path"/> (relative, from <see cref="TreeAsync"/>) of one backup to
    /// <paramref name="destination"/>, a new file in a private area, checked by the system as it reads it.</summary>
    Task RestoreFileAsync(Snapshot snapshot, string path, string destination, CancellationToken cancellationToken);

    /// <summary>The last lines of the tool's transcript (commands and their errors, never restored bytes).</summary>
    string TranscriptTail();
}
