using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>Files of one snapshot restored into a private area (each under a number, not its name: the area holds
/// nothing a name could steer), removed with the area when disposed.</summary>
public sealed class RestoredSet(Snapshot snapshot, IPrivateArea area, IReadOnlyList<RestoredSet.File> files, int? seed) : IAsyncDisposable
{
    public sealed record File(TreeEntry Entry, string RestoredPath);

    public Snapshot Snapshot { get; } = snapshot;

    public IReadOnlyList<File> Files { get; } = files;

    /// <summary>The seed of a random pick, printed so a run can be replayed; null for a chosen file.</summary>
    public int? Seed { get; } = seed;

    public ValueTask DisposeAsync() => area.DisposeAsync();
}
