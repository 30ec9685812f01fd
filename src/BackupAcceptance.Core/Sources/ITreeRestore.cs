namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that restores a whole backup of its subject at once (restic restore): a capability, not
/// every system has it.</summary>
public interface ITreeRestore
{
    /// <summary>Writes the subject's whole tree of one backup below <paramref name="area"/>, a private directory,
    /// laid out as it was backed up.</summary>
    /// <returns>The directory that holds the subject's root (what was its path) inside the area.</returns>
    Task<string> RestoreTreeAsync(Snapshot snapshot, string area, CancellationToken cancellationToken);
}
