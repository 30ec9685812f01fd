using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>Existence and age, from the subject's history of backups: ages are measured against this machine's clock
/// (UTC on both sides); exactly the limit still passes.</summary>
public static class FreshnessRules
{
    public static async Task<Snapshot> RequireBackupAsync(BackupInView view, CancellationToken cancellationToken) =>
        await view.SnapshotAsync(cancellationToken);

    public static async Task<Snapshot> RequireLatestNoOlderThanAsync(BackupInView view, TimeSpan limit, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var history = await view.HistoryAsync(cancellationToken);
        var expected = $"the latest {view.Words.Backup} to be no older than {Hours(limit)}";
        if (history.Count == 0) throw view.Failure(FailureCategory.StaleBackup, expected, view.Words.None);
        var latest = history[^1];
        if (IsFresh(latest, limit, now)) return latest;
        throw view.Failure(FailureCategory.StaleBackup, expected,
            $"it is {Hours(now - latest.Time)} old{(latest.Detail is { } detail ? $" ({detail})" : "")}", about: latest);
    }

    /// <summary>The recovery point of a path: its newest version a restore of the chosen backup gives, dated by the
    /// system where it keeps its own records (<see cref="IRecoveryPoint"/>, which dates the subject itself too: a backup
    /// it cannot list is no restorable version), else by the newest backup, up to the chosen one, that holds it (the
    /// subject itself: the chosen one).</summary>
    public static async Task<PathVersion> RequirePathNoOlderThanAsync(BackupInView view, string path, TimeSpan limit, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var relative = RelativePath.Of(view, path);
        var chosen = await view.SnapshotAsync(cancellationToken);
        var expected = $"the newest restorable version of /{relative} to be no older than {Hours(limit)}";
        var version = view.History is not IRecoveryPoint own
            ? relative.Length == 0 ? new PathVersion("", chosen) : await NewestHoldingAsync(view, relative, chosen, limit, now, expected, cancellationToken)
            : await view.Guard(() => own.NewestVersionAsync(chosen, relative, cancellationToken)) ?? throw view.Failure(FailureCategory.MissingPath,
                $"a restorable version of /{relative}", $"no such entry in any {view.Words.Backup} a restore of {chosen} reads");
        if (IsFresh(version.From, limit, now)) return version;
        throw view.Failure(FailureCategory.StaleBackup, expected,
            $"it comes from {version.From}{(version.From.Detail is { } detail ? $" ({detail})" : "")}, {Hours(now - version.From.Time)} old{version.Note}" +
            (version.From != chosen ? $"; {chosen} holds no newer copy" : ""), about: version.From);
    }

    /// <summary>The newest backup up to the chosen one that holds the path, asking one path of each, newest first.</summary>
    private static async Task<PathVersion> NewestHoldingAsync(BackupInView view, string relative, Snapshot chosen, TimeSpan limit, DateTimeOffset now,
        string expected, CancellationToken cancellationToken)
    {
        var history = await view.HistoryAsync(cancellationToken);
        var asked = 0;
        foreach (var snapshot in history.TakeWhile(s => s != chosen).Append(chosen).Reverse())
        {
            // Older than the limit, any version it holds fails the step: none older is asked (a history of years).
            if (!IsFresh(snapshot, limit, now))
                throw view.Failure(FailureCategory.StaleBackup, expected,
                    $"it is in none of the {asked} snapshot(s) of that age; older ones were not asked", about: snapshot);
            asked++;
            // None of their trees kept: a history of thousands stays small.
            if (await view.Guard(() => view.Source.EntryAsync(snapshot, relative, cancellationToken)) is not null) return new PathVersion(relative, snapshot);
        }
        throw view.Failure(FailureCategory.MissingPath, $"/{relative} in a snapshot", $"it is in none of {history.Count} snapshot(s)");
    }

    /// <summary>No older than the limit: a backup exactly that old still passes.</summary>
    public static bool IsFresh(Snapshot snapshot, TimeSpan limit, DateTimeOffset now) => now - snapshot.Time <= limit;

    /// <summary>The step's number of hours as a limit; out of bounds is an input error.</summary>
    public static TimeSpan Limit(BackupInView view, int hours) =>
        TimeSpan.FromHours(StepBounds.Require(view, hours, 0, StepBounds.MaximumHours, "a number of hours"));

    public static string Hours(TimeSpan span) => $"{span.TotalHours:0.#} hours";
}
