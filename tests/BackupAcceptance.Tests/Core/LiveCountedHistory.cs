using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Tests.Core;

/// <summary>A history that counts its backups and reads its live side itself (as an Amanda DLE does), or refuses to.</summary>
internal sealed class LiveCountedHistory(CountedHistory counted, LiveFiles? live) : IBackupHistory, IWholeCount, ILiveFiles
{
    public string Subject => counted.Subject;

    public BackupWords Words => counted.Words;

    public int Counts => counted.Counts;

    public Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken) => counted.SnapshotsAsync(cancellationToken);

    public Task<BackupCount> CountAsync(Snapshot snapshot, CancellationToken cancellationToken) => counted.CountAsync(snapshot, cancellationToken);

    public Task<LiveFiles> LiveFilesAsync(Snapshot snapshot, CancellationToken cancellationToken) => live is null
        ? throw new SourceRefusedException(FailureCategory.SuiteDefect, "the live directory on this machine", "host far is not this machine")
        : Task.FromResult(live);

    public string TranscriptTail() => counted.TranscriptTail();
}
