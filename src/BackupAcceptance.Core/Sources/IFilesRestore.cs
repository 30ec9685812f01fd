namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that picks and restores files of one backup its own way instead of the core drawing from the
/// whole tree and restoring file by file (Amanda: a draw from the index files, else a random descent through the
/// listing, then one extract of the dump's chain under the tape drive's lock, judged by tar's and the tape server's
/// words). A capability, not every system has it.</summary>
public interface IFilesRestore
{
    /// <summary>Restores the chosen files into <paramref name="area"/>, laid out as the system restores them; every file
    /// of the result is in the area. A failure is the system's to word (a missing path, a hollow backup, a broken
    /// restore); the caller removes the area then.</summary>
    Task<RestoredSet> RestoreAsync(Snapshot snapshot, FileChoice choice, IPrivateArea area, CancellationToken cancellationToken);
}
