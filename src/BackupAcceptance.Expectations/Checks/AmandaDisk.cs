using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Counts;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Sources;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// An Amanda disk as the core's rules see it: its history (<see cref="AmandaDiskHistory"/>), and what amrecover answers
/// its own way on one dump:
/// <list type="bullet">
/// <item>whole counts (<see cref="IWholeCount"/>), as the state a restore of the dump's chain gives
/// (<see cref="RestoreStates"/>, not the merged listing, which keeps names an incremental recorded as deleted), from
/// the walk cache, the index files or amrecover (<see cref="DiskCount"/>);</item>
/// <item>"at least N files" (<see cref="IFilesAtLeast"/>) from the root's listing or a walk that stops early;</item>
/// <item>paths and the files below a directory (<see cref="IPathLookup"/>, <see cref="IFilesBelow"/>) in amrecover's
/// merged listing (<see cref="MergedListing"/>);</item>
/// <item>the live files the DLE covers now, on this machine (<see cref="ILiveFiles"/>, <see cref="LiveComparisonCheck"/>);</item>
/// <item>two dumps told apart by their restore states and an incremental's records (<see cref="IBackupComparison"/>,
/// <see cref="DumpComparison"/>);</item>
/// <item>a path's newest restorable version, dated by the dump that wrote it or a newer incremental's directory records
/// (<see cref="IRecoveryPoint"/>, <see cref="RecoveryPoints"/>);</item>
/// <item>files drawn at random or named, restored by one extract of the dump's chain (<see cref="IFilesRestore"/>,
/// <see cref="RestoreCheck"/>, <see cref="AmandaRestoredSet"/>), and held against the live files the DLE covers
/// (<see cref="IRestoredComparison"/>, <see cref="LiveFileComparison"/>);</item>
/// <item>the whole disk restored by one extract of the dump's chain and held against the state that chain must give
/// (<see cref="IWholeRestore"/>, <see cref="FullRestoreCheck"/>, <see cref="AmandaRestoredWhole"/>), and against the
/// live tree the DLE covers, in both directions (<see cref="IRestoredComparison"/>);</item>
/// <item>a full restore's time, estimated from one file restored twice and the chain's stored size
/// (<see cref="IRecoveryTimeEstimate"/>, <see cref="RecoveryTimeCheck"/>).</item>
/// </list>
/// A dump the session does not list is browsed with setdate, and the session put back.
/// </summary>
public sealed class AmandaDisk(SessionLease lease) : IBackupHistory, IWholeCount, IFilesAtLeast, IPathLookup, IFilesBelow, ILiveFiles,
    IBackupComparison, IRecoveryPoint, IFilesRestore, IRestoredComparison, IWholeRestore, IRecoveryTimeEstimate
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

    public Task<IReadOnlyList<FoundPath?>> FindAllAsync(Snapshot snapshot, IReadOnlyList<string> paths, CancellationToken cancellationToken) =>
        OnDumpAsync(snapshot, (shown, cancellation) => MergedListing.FindAllAsync(lease, shown, paths, cancellation), cancellationToken);

    public Task<BackupCount?> CountBelowAtLeastAsync(Snapshot snapshot, string directory, int minimum, CancellationToken cancellationToken) =>
        OnDumpAsync(snapshot, (shown, cancellation) => MergedListing.CountBelowAtLeastAsync(lease, shown, directory, minimum, cancellation),
            cancellationToken);

    public async Task<LiveFiles> LiveFilesAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        var tree = await LiveComparisonCheck.ReadLiveAsync(lease.Target, AmandaDiskHistory.DateOf(snapshot), "the live directory's file count",
            cancellationToken);
        return new LiveFiles(tree.Files.Count, LiveComparisonCheck.Scope(lease.Target, tree));
    }

    public Task<BackupDifference> CompareAsync(Snapshot backup, Snapshot previous, CancellationToken cancellationToken) =>
        OnDumpAsync(backup, (shown, cancellation) => DumpComparison.CompareAsync(lease, shown, AmandaDiskHistory.DateOf(previous), cancellation),
            cancellationToken);

    public Task<PathVersion?> NewestVersionAsync(Snapshot chosen, string path, CancellationToken cancellationToken) =>
        OnDumpAsync(chosen, async (shown, cancellation) =>
        {
            if (await RecoveryPoints.NewestVersionAsync(lease, shown, path, cancellation) is not var (dump, note)) return null;
            // Named as the history names it (its level and label), so the reader sees which dump of the chain it is.
            var history = await SnapshotsAsync(cancellation);
            var from = history.FirstOrDefault(s => s.Id == dump.ToString()) ?? new Snapshot(dump.ToString(), dump.Moment) { Name = $"dump {dump}" };
            return new PathVersion(path, from, note);
        }, cancellationToken);

    public Task<RestoredSet> RestoreAsync(Snapshot snapshot, FileChoice choice, IPrivateArea area, CancellationToken cancellationToken) =>
        OnDumpAsync(snapshot, async (_, cancellation) =>
        {
            var into = Own(area);
            var restored = choice switch
            {
                FileChoice.Random random => await RestoreCheck.RestoreRandomFilesAsync(lease, random.Count, random.Seed, into, cancellation),
                FileChoice.Named named => await RestoreCheck.RestoreFileAsync(lease, named.Path, into, cancellation),
                _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "a file choice Amanda does not know"),
            };
            return (RestoredSet)AmandaRestoredSet.Of(snapshot, restored, lease.Session.Transcript.Tail());
        }, cancellationToken);

    public Task<RestoreComparison> CompareWithLiveAsync(RestoredSet restored, CancellationToken cancellationToken) =>
        LiveFileComparison.CompareAsync(restored is AmandaRestoredSet amanda ? amanda.Amanda
                : throw new ArgumentException($"files Amanda restored, not a {restored.GetType().Name}", nameof(restored)),
            lease.Session.Transcript.Tail(), cancellationToken);

    public Task<RestoredWhole> RestoreWholeAsync(Snapshot snapshot, IPrivateArea area, WholeRestoreLimit limit, CancellationToken cancellationToken) =>
        OnDumpAsync(snapshot, async (_, cancellation) =>
        {
            var restored = await FullRestoreCheck.RestoreWholeDiskAsync(lease, limit, Own(area), cancellation);
            return (RestoredWhole)AmandaRestoredWhole.Of(snapshot, restored, lease.Session.Transcript.Tail());
        }, cancellationToken);

    public Task<WholeRestoreComparison> CompareWithStateAsync(RestoredWhole restored, CancellationToken cancellationToken) =>
        FullRestoreCheck.CompareWithStateAsync(Whole(restored), cancellationToken);

    public Task<RestoreComparison> CompareWholeWithLiveAsync(RestoredWhole restored, CancellationToken cancellationToken) =>
        LiveFileComparison.CompareAsync(Whole(restored), lease.Session.Transcript.Tail(), cancellationToken);

    public Task<RecoveryEstimate> EstimateFullRestoreAsync(Snapshot snapshot, CancellationToken cancellationToken) =>
        OnDumpAsync(snapshot, async (_, cancellation) =>
        {
            var estimate = await RecoveryTimeCheck.EstimateAsync(lease, cancellation);
            return new RecoveryEstimate(estimate.Fastest, estimate.Slowest, estimate.ToString());
        }, cancellationToken);

    /// <summary>The area the suite made for the core: Amanda's own kind, which extract is confirmed for.</summary>
    private static Amanda.Restoring.RestoreArea Own(IPrivateArea area) => area as Amanda.Restoring.RestoreArea
        ?? throw new ArgumentException($"an Amanda restore lands in a RestoreArea, not a {area.GetType().Name}", nameof(area));

    private static RestoredFiles Whole(RestoredWhole restored) => restored is AmandaRestoredWhole amanda ? amanda.Amanda
        : throw new ArgumentException($"a whole disk Amanda restored, not a {restored.GetType().Name}", nameof(restored));

    /// <summary>Runs work on the dump <paramref name="snapshot"/> names: the one the session lists (its root's "." line,
    /// not what the working date should show), or browsed with setdate and the session put back after.</summary>
    private async Task<T> OnDumpAsync<T>(Snapshot snapshot, Func<DumpDate, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var date = AmandaDiskHistory.DateOf(snapshot);
        var root = await Guard.AmandaAsync(lease, null, "to list the disk's root", () => lease.RootListingAsync(cancellationToken));
        if (root.DumpDate is { } shown && shown.Value == date.Value) return await work(date, cancellationToken);
        return await DumpBrowse.OnDumpAsync(lease, date, $"to browse the dump of {date}", () => work(date, cancellationToken), cancellationToken);
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
