using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>A whole backup the core restored (<see cref="ITreeRestore"/>), with its tree as the system listed it: what
/// the restore must give.</summary>
public sealed class RestoredTree(Snapshot snapshot, SnapshotTree tree, IPrivateArea area, string root)
    : RestoredWhole(snapshot, area, root, tree.Files,
        $"{Plural.Of(tree.Files, "file")} in {Plural.Of(tree.Directories, "directory", "directories")}, every entry of the listing of {snapshot}")
{
    public SnapshotTree Tree { get; } = tree;
}
