namespace BackupAcceptance.Core.Sources;

/// <summary>The whole tree of one backup below the subject's path. Files are every entry that is not a directory
/// (symbolic links and devices too), as a restore brings them back; directories never count as files.</summary>
public sealed class SnapshotTree(IReadOnlyList<TreeEntry> entries)
{
    // The first of two names the system printed alike (restic writes U+FFFD for bytes that are not UTF-8): looked up
    // by one, counted as both.
    private readonly Dictionary<string, TreeEntry> _byPath = entries.DistinctBy(e => e.Path, StringComparer.Ordinal)
        .ToDictionary(e => e.Path, StringComparer.Ordinal);

    public IReadOnlyList<TreeEntry> Entries { get; } = entries;

    public int Files => Entries.Count(e => !e.IsDirectory);

    public IEnumerable<TreeEntry> RegularFiles => Entries.Where(e => e.Kind == EntryKind.RegularFile);

    public int Directories => Entries.Count(e => e.IsDirectory);

    public TreeEntry? Find(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>The entries strictly below <paramref name="directory"/> ("" for the whole tree).</summary>
    public IEnumerable<TreeEntry> Below(string directory) => directory.Length == 0
        ? Entries
        : Entries.Where(e => e.Path.StartsWith(directory + "/", StringComparison.Ordinal));
}
