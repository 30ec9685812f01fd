using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Tests.Core;

/// <summary>A backup system that keeps only a history and its own counts, in Amanda's words: what the core's count rule
/// must work with when it cannot list a tree.</summary>
internal sealed class CountedHistory(params (Snapshot Snapshot, BackupCount Count)[] backups) : IBackupHistory, IWholeCount
{
    public string Subject => "counted test:/data";

    public BackupWords Words { get; } = new("dump", "in the disk's history");

    public int Counts { get; private set; }

    public Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Snapshot>>([.. backups.Select(b => b.Snapshot)]);

    public Task<BackupCount> CountAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        Counts++;
        return Task.FromResult(backups.Single(b => b.Snapshot.Id == snapshot.Id).Count);
    }

    public string TranscriptTail() => "history";
}
