using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Sources;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// An Amanda disk as the core sees a history whose backups it may count (<see cref="IWholeCount"/>): a dump counts as
/// the state a restore of its chain gives (<see cref="RestoreStates"/>: not amrecover's merged listing, which keeps
/// names an incremental recorded as deleted), from the walk cache, the index files or amrecover
/// (<see cref="DiskCount"/>). A dump the session does not list is browsed with setdate, and the session put back.
/// </summary>
public sealed class AmandaDiskCounts(SessionLease lease) : IBackupHistory, IWholeCount
{
    private const string Checking = "to count its files as a restore gives them";

    private readonly AmandaDiskHistory _history = new(lease);

    public string Subject => _history.Subject;

    public BackupWords Words => _history.Words;

    public Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken) => _history.SnapshotsAsync(cancellationToken);

    public string TranscriptTail() => _history.TranscriptTail();

    public async Task<BackupCount> CountAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        var date = AmandaDiskHistory.DateOf(snapshot);
        // What the session lists, not what its working date should show: the root's "." line names the dump.
        var root = await Guard.AmandaAsync(lease, null, "to list the disk's root", () => lease.RootListingAsync(cancellationToken));
        if (root.DumpDate is { } shown && shown.Value == date.Value) return await CountShownAsync(date, cancellationToken);
        var working = lease.WorkingDate;
        await Guard.AmandaAsync(lease, date, $"to browse the dump of {date}", async () =>
        {
            await lease.ViewDumpAsync(date, cancellationToken);
            return true;
        });
        try
        {
            return await CountShownAsync(date, cancellationToken);
        }
        finally
        {
            try
            {
                await lease.ViewDumpAsync(working, cancellationToken);
            }
            catch (AmrecoverException)
            {
                // Never hide the count's own failure; the lease puts the date back (or drops the session) when returned.
            }
        }
    }

    private async Task<BackupCount> CountShownAsync(DumpDate? viewing, CancellationToken cancellationToken)
    {
        var inventory = await DiskCount.WalkAsync(lease, cancellationToken, viewing);
        var state = await RestoreStates.OfAsync(lease, inventory, Checking, cancellationToken);
        // Directories below the root, as a walk counts them (the restore state holds the root too).
        return new BackupCount(state.Files.Count, state.Directories.Count(d => !d.IsRoot)) { Note = state.Note + inventory.Summary.UnreachableNote() };
    }
}
