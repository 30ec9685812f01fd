using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>Counts against a reference: the backup before, or the live directory now. A change beyond the percentage
/// either way is a count drop (a count that doubled is as suspicious as one that halved); exactly it still passes.</summary>
public static class CountRules
{
    public sealed record CountChange(int Count, int Reference)
    {
        public double Percent => Reference == 0 ? (Count == 0 ? 0 : double.PositiveInfinity) : 100.0 * (Count - Reference) / Reference;

        public override string ToString() => double.IsInfinity(Percent) ? "from none" : $"{Percent:+0.#;-0.#;0}%";
    }

    /// <summary>Against the backup before the chosen one, both counted as the system counts a whole backup
    /// (<see cref="BackupInView.CountAsync"/>).</summary>
    public static async Task<CountChange> RequireWithinPreviousAsync(BackupInView view, int percent, CancellationToken cancellationToken)
    {
        StepBounds.Require(view, percent, 0, StepBounds.MaximumPercent, "a percentage");
        var words = view.Words;
        var count = RequireSomeFiles(view, await view.CountAsync(cancellationToken));
        var previous = await view.PreviousAsync(cancellationToken) ?? throw view.Failure(FailureCategory.StaleBackup,
            $"a {words.Backup} before this one to compare with", $"this is the first {words.Backup} {words.OfSubject}");
        var reference = await view.CountAsync(previous, cancellationToken);
        var change = new CountChange(count.Files, reference.Files);
        if (Within(change, percent)) return change;
        throw view.Failure(FailureCategory.CountDrop, $"the file count within {percent}% of the previous {words.Backup} ({previous}: {reference.Files} files{reference.Note})",
            $"{count.Files} files ({change}{count.Note})");
    }

    /// <summary>Against the live files now, read by the system's own rules (<see cref="ILiveFiles"/>) or, without them, the
    /// live directory counted whole (a snapshot taken with exclude patterns cannot be held against that). A backup without
    /// files is hollow before any live side is read: that verdict never waits on this machine's files.</summary>
    /// <param name="live">The live directory the subject's path is on this machine; null for a system that reads its own.</param>
    public static async Task<CountChange> RequireWithinLiveAsync(BackupInView view, string? live, int percent, CancellationToken cancellationToken)
    {
        StepBounds.Require(view, percent, 0, StepBounds.MaximumPercent, "a percentage");
        var count = RequireSomeFiles(view, await view.CountAsync(cancellationToken));
        var snapshot = await view.SnapshotAsync(cancellationToken);
        var now = view.History is ILiveFiles own
            ? await view.Guard(() => own.LiveFilesAsync(snapshot, cancellationToken))
            : await CountDirectoryAsync(view, snapshot, live ?? throw view.Failure(FailureCategory.SuiteDefect,
                "a live directory to compare with", "none: the backup system reads no live side of its own"), cancellationToken);
        var change = new CountChange(count.Files, now.Files);
        if (Within(change, percent)) return change;
        throw view.Failure(FailureCategory.CountDrop, $"the file count within {percent}% of the live directory ({now.Files} files now{now.Scope})",
            $"{count.Files} files in the backup ({change}{count.Note})");
    }

    private static async Task<LiveFiles> CountDirectoryAsync(BackupInView view, Snapshot snapshot, string live, CancellationToken cancellationToken)
    {
        LiveSide.RequireComparable(view, snapshot);
        try
        {
            return new LiveFiles(await Task.Run(() => LiveCount.Files(live, cancellationToken), cancellationToken));
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            throw view.Failure(FailureCategory.SuiteDefect, $"the live directory {live} readable whole", unreadable.Message, unreadable);
        }
    }

    private static bool Within(CountChange change, int percent) => Math.Abs(change.Percent) <= percent;

    /// <summary>A backup without files is hollow, whatever it is compared with: "0 against 0" proves nothing.</summary>
    private static BackupCount RequireSomeFiles(BackupInView view, BackupCount count) => count.Files > 0 ? count
        : throw view.Failure(FailureCategory.HollowBackup, "at least 1 file (directories never count)",
            $"0 files in {Plural.Of(count.Directories, "directory", "directories")} below the root{count.Note}", filesCounted: count.Complete ? 0 : null);
}
