namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that reads the live side of its subject by its own rules (Amanda: the DLE's device, exclude
/// and include lists, as GNU tar takes them now). A capability: without it, the live side is the subject's path on this
/// machine, counted whole.</summary>
public interface ILiveFiles
{
    /// <param name="snapshot">The backup it is held against, for the system's refusals to name.</param>
    Task<LiveFiles> LiveFilesAsync(Snapshot snapshot, CancellationToken cancellationToken);
}
