namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that looks a path up its own way instead of the core reading the whole tree (Amanda:
/// amrecover's listing of the path's directories, the merged view of a dump's chain). A capability, not every system
/// has it.</summary>
public interface IPathLookup
{
    /// <param name="path">Relative to the subject ("ssh/sshd_config"), never "" (the subject itself).</param>
    /// <returns>The path, or null when the backup does not hold it.</returns>
    Task<FoundPath?> FindAsync(Snapshot snapshot, string path, CancellationToken cancellationToken);
}
