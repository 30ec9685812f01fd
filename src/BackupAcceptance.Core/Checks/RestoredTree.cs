using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>A whole backup of the subject restored into a private area (<see cref="WholeRestoreRules"/>): the
/// snapshot it came from, its tree as the system listed it, and where its root landed. Removed with the area.</summary>
public sealed class RestoredTree(Snapshot snapshot, SnapshotTree tree, IPrivateArea area, string root) : IAsyncDisposable
{
    public Snapshot Snapshot { get; } = snapshot;

    public SnapshotTree Tree { get; } = tree;

    /// <summary>Where the tree landed: confirmed (<see cref="IPrivateArea.Verify"/>) before any of it is read.</summary>
    public IPrivateArea Area { get; } = area;

    /// <summary>The directory that holds what was the subject's path.</summary>
    public string Root { get; } = root;

    public ValueTask DisposeAsync() => Area.DisposeAsync();
}
