using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Tests.Checks;

/// <summary>An Amanda disk with one dump, as the core's rules see it, for rules that judge files already restored.</summary>
internal sealed class OneDump : IBackupHistory
{
    public static readonly Snapshot Dump =
        new("2026-12-06-12-00-00", new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero)) { Name = "dump 2026-12-06-12-00-00" };

    public static BackupInView View() => new(new OneDump(), SnapshotChoice.Latest, "amrecover transcript");

    public string Subject => "ba-daily localhost:/etc";

    public BackupWords Words { get; } = new("dump", "in the disk's history");

    public Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Snapshot>>([Dump]);

    public string TranscriptTail() => "amrecover> ";
}
