using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Tests.Core;

/// <summary>A system that picks and restores files its own way (<see cref="IFilesRestore"/>), compares them with the live
/// side its own way (<see cref="IRestoredComparison"/>) and lists no tree: what it was asked, the one file it writes
/// (or its refusal), and the comparison it was told to give.</summary>
internal sealed class RestoringHistory(Snapshot only, string content, Exception? refusal = null) : IBackupHistory, IFilesRestore, IRestoredComparison
{
    public RestoreComparison Comparison { get; set; } = new(["live side: its own"], ["/f abc"], [], [], 1);

    public RestoredSet? ComparedSet { get; private set; }

    public Task<RestoreComparison> CompareWithLiveAsync(RestoredSet restored, CancellationToken cancellationToken)
    {
        ComparedSet = restored;
        return Task.FromResult(Comparison);
    }

    public string Subject => "restoring test:/data";

    public BackupWords Words { get; } = new("dump", "in the disk's history");

    public List<FileChoice> Asked { get; } = [];

    /// <summary>A faulty system: it names a file that is not in the area (a live file, say) as restored.</summary>
    public string? PointsAt { get; init; }

    /// <summary>A faulty system: it restores into an area of its own, not the one made for it.</summary>
    public IPrivateArea? OwnArea { get; init; }

    /// <summary>A faulty system: it hands back each file twice.</summary>
    public bool Twice { get; init; }

    public Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Snapshot>>([only]);

    public string TranscriptTail() => "restoring: the last words";

    public async Task<RestoredSet> RestoreAsync(Snapshot snapshot, FileChoice choice, IPrivateArea area, CancellationToken cancellationToken)
    {
        Asked.Add(choice);
        if (refusal is not null) throw refusal;
        var name = choice is FileChoice.Named named ? named.Path : "drawn";
        var location = Path.Combine(area.Path, name.Replace('/', '_'));
        await File.WriteAllTextAsync(location, content, cancellationToken);
        var entry = new TreeEntry(name, EntryKind.RegularFile, content.Length, snapshot.Time.AddHours(-1));
        var file = new RestoredSet.File(entry, PointsAt ?? location);
        return new RestoredSet(snapshot, OwnArea ?? area, Twice ? [file, file] : [file], (choice as FileChoice.Random)?.Seed, "its own way");
    }
}
