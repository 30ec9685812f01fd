namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that counts the files below one directory as far as a minimum its own way (Amanda: a walk
/// of the directory that stops at the Nth file). A capability, not every system has it.</summary>
public interface IFilesBelow
{
    /// <param name="directory">Relative to the subject ("ssh"), never "" (the whole backup: <see cref="IFilesAtLeast"/>).</param>
    /// <returns>Files and directories below it, at least <paramref name="minimum"/> files when it holds that many; null
    /// when the backup holds no such directory.</returns>
    Task<BackupCount?> CountBelowAtLeastAsync(Snapshot snapshot, string directory, int minimum, CancellationToken cancellationToken);
}
