using BackupAcceptance.Core.Checks;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Sources;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Walks;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// The hollow-backup detector: a backup holding only directories restores nothing, so only files count. A small
/// minimum is met by the disk's root listing when it holds enough files (one <c>setdisk</c> and one <c>ls</c>: most
/// disks of an estate), else by walking one session depth first and stopping at the last file needed; a large one
/// needs most of the disk anyway, so it takes the whole count (<see cref="DiskCount"/>: index files or several
/// sessions). Every file counted is a distinct entry amrecover listed, so "at least N" is exact either way.
/// </summary>
public static class FileCountCheck
{
    /// <summary>Files needed at most: a number past any real disk is a typo, not a requirement.</summary>
    public const int MaximumFiles = StepBounds.MaximumFiles;

    /// <summary>Above this many files, a whole count beats stopping early: a depth-first walk lists about one
    /// directory per ten files, one round trip each, while the whole count costs a second or two.</summary>
    public const int EarlyStopUpTo = 1_000;

    /// <summary>The core's hollow-backup rule (<c>ContentRules.RequireFilesAsync</c>) on the dump the session shows,
    /// counted by <see cref="CountAtLeastAsync"/>.</summary>
    /// <returns>How the files were counted, for the report.</returns>
    public static async Task<WalkSummary> RequireFilesAsync(SessionLease lease, int minimum, CancellationToken cancellationToken)
    {
        var counts = new AmandaDisk(lease);
        await AmandaView.RunAsync(lease, counts, AmandaDiskHistory.ShownBy(lease),
            (view, cancellation) => ContentRules.RequireFilesAsync(view, minimum, cancellation), cancellationToken);
        return counts.LastWalk ?? throw new InvalidOperationException("the rule passed without counting");
    }

    /// <summary>Files of the dump the session shows, as far as <paramref name="minimum"/>: a small minimum from the root
    /// listing or a walk that stops at the last file needed, a large one (or a short walk that could not enter some
    /// directories, where the index files can be read) from the whole count.</summary>
    public static async Task<WalkSummary> CountAtLeastAsync(SessionLease lease, int minimum, CancellationToken cancellationToken)
    {
        var summary = minimum <= EarlyStopUpTo
            ? await WalkUntilAsync(lease, minimum, cancellationToken)
            : (await DiskCount.WalkAsync(lease, cancellationToken)).Summary;
        // Short only because amrecover could not enter some directories (escaped names below ' ` < >): where this
        // machine reads the index files, the whole count decides, which counts what amrecover cannot reach (elsewhere
        // it would walk the same amrecover again, to the same end).
        if (summary.Files < minimum && summary.Unreachable > 0 && minimum <= EarlyStopUpTo
            && (await IndexWalk.LocateAsync(lease, lease.Pool.Walking, cancellationToken)).Files is not null)
            summary = (await DiskCount.WalkAsync(lease, cancellationToken)).Summary;
        return summary;
    }

    private static async Task<WalkSummary> WalkUntilAsync(SessionLease lease, int minimum, CancellationToken cancellationToken)
    {
        // The root's own files first: the walk below goes into the first directory it lists before the root's files.
        if (await RootAsync(lease, minimum, cancellationToken) is { } enough) return enough;
        var walker = new DiskWalker(lease.Session, lease.Target.Disk);
        using var progress = lease.Pool.Progress.Begin(lease.Target);
        return await WalkDeadline.RunAsync(lease, null, token => Guard.AmandaAsync(lease, null, "to walk the disk",
            () => FileTally.UntilAsync(walker, minimum, token, progress)), cancellationToken);
    }

    /// <summary>The root listing (at the lease's working date) when its files alone meet the minimum, else null. Said
    /// as the walk says it: the minimum met, before stopping.</summary>
    private static async Task<WalkSummary?> RootAsync(SessionLease lease, int minimum, CancellationToken cancellationToken)
    {
        var root = await Guard.AmandaAsync(lease, null, "to list the disk's root", () => lease.RootListingAsync(cancellationToken));
        if (root.Files.Count() < minimum) return null;
        return new WalkSummary(root.Directories.Count(), minimum, root.DumpDate, Complete: false);
    }
}
