using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Tests.Core;

/// <summary>A system that picks and restores files, or a whole backup, its own way (<see cref="IFilesRestore"/>,
/// <see cref="IWholeRestore"/>), estimates a full restore's time its own way (<see cref="IRecoveryTimeEstimate"/>), compares them with the live side its own way (<see cref="IRestoredComparison"/>) and
/// lists no tree: what it was asked, the one file it writes (or its refusal), and the comparisons it was told to give.</summary>
internal sealed class RestoringHistory(Snapshot only, string content, Exception? refusal = null)
    : IBackupHistory, IFilesRestore, IRestoredComparison, IWholeRestore, IRecoveryTimeEstimate
{
    /// <summary>The system's own estimate of a full restore.</summary>
    public RecoveryEstimate Estimate { get; set; } = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), "estimated its own way: 1 to 2 min");

    public Task<RecoveryEstimate> EstimateFullRestoreAsync(Snapshot snapshot, CancellationToken cancellationToken) => Task.FromResult(Estimate);

    public RestoreComparison Comparison { get; set; } = new(["live side: its own"], ["/f abc"], [], [], 1);

    public RestoredSet? ComparedSet { get; private set; }

    public Task<RestoreComparison> CompareWithLiveAsync(RestoredSet restored, CancellationToken cancellationToken)
    {
        ComparedSet = restored;
        return Task.FromResult(Comparison);
    }

    public RestoredWhole? ComparedWhole { get; private set; }

    public Task<RestoreComparison> CompareWholeWithLiveAsync(RestoredWhole restored, CancellationToken cancellationToken)
    {
        ComparedWhole = restored;
        return Task.FromResult(Comparison);
    }

    /// <summary>What a whole restore's area holds against what it must give, as the system says.</summary>
    public WholeRestoreComparison State { get; set; } = new("the 1 file of the state", 1, []);

    public Task<WholeRestoreComparison> CompareWithStateAsync(RestoredWhole restored, CancellationToken cancellationToken) => Task.FromResult(State);

    /// <summary>A faulty system: it says the whole backup landed here, not in the area.</summary>
    public string? RootAt { get; init; }

    /// <summary>A faulty system: it says its whole restore gives this many files (none: a hollow backup it let pass).</summary>
    public int WholeFiles { get; init; } = 1;

    /// <summary>A faulty system: it restores another backup than the one asked.</summary>
    public Snapshot? Restores { get; init; }

    public async Task<RestoredWhole> RestoreWholeAsync(Snapshot snapshot, IPrivateArea area, WholeRestoreLimit limit, CancellationToken cancellationToken)
    {
        if (refusal is not null) throw refusal;
        await File.WriteAllTextAsync(Path.Combine(area.Path, "f"), content, cancellationToken);
        return new RestoredWhole(Restores ?? snapshot, OwnArea ?? area, RootAt ?? area.Path, WholeFiles, "its own way");
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
