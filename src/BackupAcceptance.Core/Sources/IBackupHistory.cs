namespace BackupAcceptance.Core.Sources;

/// <summary>
/// The least a backup system gives a check, for one thing it backs up (a restic host and path, an Amanda disk): its
/// backups and their times, the words it calls them by, and the tail of what its tool said. Age and existence are
/// judged from this alone; a system that also lists and restores its backups is an <see cref="IBackupSource"/>. A
/// refusal of the system's own comes as a <see cref="SourceRefusedException"/> with its category.
/// </summary>
public interface IBackupHistory
{
    /// <summary>How the reader names it: "restic /srv/repo localhost:/etc", "ba-daily localhost:/etc".</summary>
    string Subject { get; }

    /// <summary>What the system calls one backup and the subject in the reader's sentences.</summary>
    BackupWords Words => BackupWords.Snapshots;

    /// <summary>The backups of this subject, oldest first; none when it was never backed up.</summary>
    Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken);

    /// <summary>The last lines of the tool's transcript (commands and their errors, never restored bytes).</summary>
    string TranscriptTail();
}
