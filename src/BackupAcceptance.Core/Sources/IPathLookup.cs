namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that looks paths up its own way instead of the core reading the whole tree (Amanda:
/// amrecover's listing of the paths' directories, the merged view of a dump's chain). A capability, not every system
/// has it.</summary>
public interface IPathLookup
{
    /// <param name="paths">Relative to the subject ("ssh/sshd_config"), never "" (the subject itself).</param>
    /// <returns>For each path in order, the path found, or null when the backup does not hold it.</returns>
    Task<IReadOnlyList<FoundPath?>> FindAllAsync(Snapshot snapshot, IReadOnlyList<string> paths, CancellationToken cancellationToken);
}
