using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Tests.Core;

/// <summary>A backup system held in memory, for the core's rules: snapshots with their trees and file contents, and a
/// refusal to throw on demand. The real restic runs in the integration tests.</summary>
internal sealed class MemorySource : IBackupSource, ITreeRestore
{
    private readonly List<(Snapshot Snapshot, SnapshotTree Tree, Dictionary<string, byte[]> Bytes)> _snapshots = [];

    public string Subject => "memory test:/data";

    public SourceRefusedException? Refusal { get; set; }

    /// <summary>A whole restore throws this (the system's own refusal of the restore).</summary>
    public SourceRefusedException? RestoreRefusal { get; set; }

    /// <summary>The exclude patterns every snapshot added from now on records.</summary>
    public IReadOnlyList<string> Excludes { get; init; } = [];

    public int TreeReads { get; private set; }

    /// <summary>Every entry's modification time: the same in every snapshot, as for a tree that did not change.</summary>
    public static readonly DateTimeOffset Modified = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public Snapshot Add(DateTimeOffset time, params (string Path, string? Content)[] entries)
    {
        var snapshot = new Snapshot($"{_snapshots.Count + 1:D8}", time) { Excludes = Excludes };
        var tree = new SnapshotTree([.. entries.Select(e => e.Content is null
            ? new TreeEntry(e.Path, EntryKind.Directory, 0, Modified)
            : new TreeEntry(e.Path, EntryKind.RegularFile, e.Content.Length, Modified))]);
        _snapshots.Add((snapshot, tree, entries.Where(e => e.Content is not null).ToDictionary(e => e.Path, e => System.Text.Encoding.UTF8.GetBytes(e.Content!))));
        return snapshot;
    }

    public Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken) =>
        Refusal is { } refusal ? throw refusal : Task.FromResult<IReadOnlyList<Snapshot>>([.. _snapshots.Select(s => s.Snapshot)]);

    public Task<SnapshotTree> TreeAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        TreeReads++;
        return Task.FromResult(_snapshots.Single(s => s.Snapshot == snapshot).Tree);
    }

    public Task<TreeEntry?> EntryAsync(Snapshot snapshot, string path, CancellationToken cancellationToken) =>
        Task.FromResult(_snapshots.Single(s => s.Snapshot == snapshot).Tree.Find(path));

    public async Task RestoreFileAsync(Snapshot snapshot, string path, string destination, CancellationToken cancellationToken) =>
        await File.WriteAllBytesAsync(destination, _snapshots.Single(s => s.Snapshot == snapshot).Bytes[path], cancellationToken);

    /// <summary>A whole restore leaves this path out (a system that lost it on the way).</summary>
    public string? Forget { get; set; }

    /// <summary>A whole restore adds a file of this path that no snapshot lists.</summary>
    public string? Extra { get; set; }

    /// <summary>A whole restore writes this file one byte longer than it was backed up.</summary>
    public string? Grow { get; set; }

    public async Task<string> RestoreTreeAsync(Snapshot snapshot, string area, CancellationToken cancellationToken)
    {
        if (RestoreRefusal is { } refusal) throw refusal;
        var (_, tree, bytes) = _snapshots.Single(s => s.Snapshot == snapshot);
        var root = Path.Join(area, "data");
        Directory.CreateDirectory(root);
        foreach (var entry in tree.Entries.Where(e => e.Path != Forget).OrderBy(e => e.Path.Length))
        {
            var target = Path.Join(root, entry.Path);
            if (entry.IsDirectory) Directory.CreateDirectory(target);
            else await File.WriteAllBytesAsync(target, entry.Path == Grow ? [.. bytes[entry.Path], (byte)'x'] : bytes[entry.Path], cancellationToken);
        }
        if (Extra is { } extra) await File.WriteAllTextAsync(Path.Join(root, extra), "extra", cancellationToken);
        return root;
    }

    public string TranscriptTail() => "memory: the last words";
}

/// <summary>A temporary folder as the core's private area.</summary>
internal sealed class TemporaryArea : IPrivateArea
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ba-core-area-").FullName;

    /// <summary>Its removal fails (as rm on a read-only tree would), after removing it.</summary>
    public bool FailsRemoval { get; init; }

    /// <summary>Gone is not the area made (a real area also checks its identity: RestoreArea).</summary>
    public void Verify()
    {
        if (!Directory.Exists(Path)) throw new IOException($"{Path} is gone");
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        return FailsRemoval ? throw new IOException("rm: cannot remove: Permission denied") : ValueTask.CompletedTask;
    }
}
