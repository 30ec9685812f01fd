using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Sources;

/// <summary>
/// An Amanda disk as the core sees a backup system's history: its dumps from amrecover's <c>history</c> (read once per
/// lease), oldest first, each named by its dump date, which is its id. Listings and restores stay Amanda's own checks
/// (an incremental's listing is not what a restore gives: docs/dump-model.md), so this is a history, not a source.
/// </summary>
public sealed class AmandaDiskHistory(SessionLease lease) : IBackupHistory
{
    public static BackupWords DumpWords { get; } = new("dump", "in the disk's history");

    public string Subject => lease.Target.ToString();

    public BackupWords Words => DumpWords;

    public async Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return Snapshots(await lease.HistoryAsync(cancellationToken));
        }
        catch (AmrecoverException failure)
        {
            var translated = AmandaFailures.Translate(lease.Target, null, "the disk's dump history", failure);
            throw new SourceRefusedException(translated.Category, translated.Expected, translated.Found, translated);
        }
    }

    public string TranscriptTail() => lease.Session.Transcript.Tail();

    /// <summary>amrecover's history (newest first, a dump once per volume it spans) as the core's: oldest first, one per
    /// dump date, at the moment the date names.</summary>
    public static IReadOnlyList<Snapshot> Snapshots(IReadOnlyList<DumpRecord> history) =>
        history.DistinctBy(r => r.Date.Value).Reverse().Select(Of).ToList();

    public static Snapshot Of(DumpRecord record) => new(record.Date.ToString(), record.Date.Moment)
    {
        Name = $"dump {record.Date}",
        Detail = record.Label.Length > 0 ? $"level {record.Level}, {record.Label}" : $"level {record.Level}",
    };

    /// <summary>The dump the lease's session shows: the newest its working date admits ("the latest" is today as a
    /// whole day, which hides a dump a server with a clock ahead dated tomorrow).</summary>
    public static SnapshotChoice ShownBy(SessionLease lease) => SnapshotChoice.LatestShownBy(lease.BrowsingDate.LatestAdmitted);

    /// <summary>The dump a snapshot of this history is.</summary>
    public static DumpDate DateOf(Snapshot snapshot) => DumpDate.Parse(snapshot.Id);
}
