namespace BackupAcceptance.Core.Sources;

/// <summary>A whole backup of the subject restored into a private area, removed with the area when disposed. A system
/// that restores its own way (<see cref="IWholeRestore"/>) hands back its own kind, which keeps what only it reads.</summary>
public class RestoredWhole(Snapshot snapshot, IPrivateArea area, string root, int files, string how) : IAsyncDisposable
{
    public Snapshot Snapshot { get; } = snapshot;

    /// <summary>Where the tree landed: confirmed (<see cref="IPrivateArea.Verify"/>) before any of it is read.</summary>
    public IPrivateArea Area { get; } = area;

    /// <summary>The directory that holds what was the subject's path, inside the area.</summary>
    public string Root { get; } = root;

    /// <summary>The files (not directories) the restore must give.</summary>
    public int Files { get; } = files;

    /// <summary>What was restored and what it must give, for the report ("12 files in 3 directories, as listed").</summary>
    public string How { get; } = how;

    public ValueTask DisposeAsync() => Area.DisposeAsync();
}
