using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Counts;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Sources;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// An Amanda disk as the core sees a history whose backups it may count (<see cref="IWholeCount"/>): a dump counts as
/// the state a restore of its chain gives (<see cref="RestoreStates"/>: not amrecover's merged listing, which keeps
/// names an incremental recorded as deleted), from the walk cache, the index files or amrecover
/// (<see cref="DiskCount"/>). A dump the session does not list is browsed with setdate, and the session put back.
/// </summary>
public sealed class AmandaDiskCounts(SessionLease lease) : IBackupHistory, IWholeCount, IFilesAtLeast
{
    private const string Checking = "to count its files as a restore gives them";

    private readonly AmandaDiskHistory _history = new(lease);

    public string Subject => _history.Subject;

    public BackupWords Words => _history.Words;

    public Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken) => _history.SnapshotsAsync(cancellationToken);

    public string TranscriptTail() => _history.TranscriptTail();

    /// <summary>The last count as far as a minimum (<see cref="CountAtLeastAsync"/>): how it was got, for the report.</summary>
    public WalkSummary? LastWalk { get; private set; }

    public Task<BackupCount> CountAsync(Snapshot snapshot, CancellationToken cancellationToken) =>
        OnDumpAsync(snapshot, CountShownAsync, cancellationToken);

    public Task<BackupCount> CountAtLeastAsync(Snapshot snapshot, int minimum, CancellationToken cancellationToken) =>
        OnDumpAsync(snapshot, async (_, cancellation) =>
        {
            var summary = LastWalk = await FileCountCheck.CountAtLeastAsync(lease, minimum, cancellation);
            // Fewer than the minimum: every directory it could enter was walked.
            return new BackupCount(summary.Files, summary.Directories)
            {
                Note = summary.Files < minimum ? $" (the whole disk was walked){summary.UnreachableNote()}" : "",
                Complete = summary.Complete && summary.Unreachable == 0,
            };
        }, cancellationToken);

    /// <summary>Runs a count on the dump <paramref name="snapshot"/> names: the one the session lists (its root's "."
    /// line, not what the working date should show), or browsed with setdate and the session put back after.</summary>
    private async Task<BackupCount> OnDumpAsync(Snapshot snapshot, Func<DumpDate, CancellationToken, Task<BackupCount>> count,
        CancellationToken cancellationToken)
    {
        var date = AmandaDiskHistory.DateOf(snapshot);
        var root = await Guard.AmandaAsync(lease, null, "to list the disk's root", () => lease.RootListingAsync(cancellationToken));
        if (root.DumpDate is { } shown && shown.Value == date.Value) return await count(date, cancellationToken);
        return await DumpBrowse.OnDumpAsync(lease, date, $"to browse the dump of {date}", () => count(date, cancellationToken), cancellationToken);
    }

    private async Task<BackupCount> CountShownAsync(DumpDate viewing, CancellationToken cancellationToken)
    {
        var inventory = await DiskCount.WalkAsync(lease, cancellationToken, viewing);
        var state = await RestoreStates.OfAsync(lease, inventory, Checking, cancellationToken);
        // Directories below the root, as a walk counts them (the restore state holds the root too).
        return new BackupCount(state.Files.Count, state.Directories.Count(d => !d.IsRoot))
        {
            Note = state.Note + inventory.Summary.UnreachableNote(),
            Complete = inventory.Summary.Complete && inventory.Summary.Unreachable == 0,
        };
    }
}
