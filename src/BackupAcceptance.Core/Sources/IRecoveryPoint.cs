namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that dates a path's newest restorable version by its own records instead of the core asking
/// each backup for the path (Amanda: an incremental chain lists a file under the dump that wrote it, and a newer
/// incremental's directory records may name it still present). A capability, not every system has it.</summary>
public interface IRecoveryPoint
{
    /// <param name="chosen">The backup a restore would start from: versions newer than it do not count.</param>
    /// <param name="path">Relative to the subject; "" is the subject itself, dated by the backup a listing of it shows.</param>
    /// <returns>The version, or null when a restore of <paramref name="chosen"/> gives no such path.</returns>
    Task<PathVersion?> NewestVersionAsync(Snapshot chosen, string path, CancellationToken cancellationToken);
}
