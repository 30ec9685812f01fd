namespace BackupAcceptance.Core.Sources;

/// <summary>Files of one snapshot restored into a private area, removed with the area when disposed. A system that
/// restores its own way (<see cref="IFilesRestore"/>) may hand back its own kind, which keeps what only it reads.</summary>
public class RestoredSet(Snapshot snapshot, IPrivateArea area, IReadOnlyList<RestoredSet.File> files, int? seed, string? chosenHow = null)
    : IAsyncDisposable
{
    /// <summary>A restored file: its entry as backed up (path, kind, size, modification time) and where it landed, as
    /// the exact bytes of that path (a backed-up name need not be UTF-8).</summary>
    public sealed record File(TreeEntry Entry, byte[] Location)
    {
        public File(TreeEntry entry, string location) : this(entry, System.Text.Encoding.UTF8.GetBytes(location))
        {
        }
    }

    public Snapshot Snapshot { get; } = snapshot;

    /// <summary>Where the files landed: confirmed (<see cref="IPrivateArea.Verify"/>) before any is read.</summary>
    public IPrivateArea Area { get; } = area;

    public IReadOnlyList<File> Files { get; } = files;

    /// <summary>The seed of a random pick, printed so a run can be replayed; null for a chosen file.</summary>
    public int? Seed { get; } = seed;

    /// <summary>How a random pick drew its files ("drawn from all 812 regular files"), for the report.</summary>
    public string? ChosenHow { get; } = chosenHow;

    public ValueTask DisposeAsync() => Area.DisposeAsync();
}
