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

    /// <summary>The recovery point of a path: the newest snapshot, up to the chosen one, that holds it.</summary>
    public static async Task<Snapshot> RequirePathNoOlderThanAsync(BackupInView view, string path, TimeSpan limit, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var relative = RelativePath.Of(view, path);
        if (relative.Length == 0)
            throw view.Failure(FailureCategory.InputError, "a path inside the backed-up path", $"'{path}', which names the backed-up path itself");
        var chosen = await view.SnapshotAsync(cancellationToken);
        var history = await view.HistoryAsync(cancellationToken);
        var asked = 0;
        foreach (var snapshot in history.TakeWhile(s => s != chosen).Append(chosen).Reverse())
        {
            // Older than the limit, any version it holds fails the step: none older is asked (a history of years).
            if (now - snapshot.Time > limit)
                throw view.Failure(FailureCategory.StaleBackup, $"the newest restorable version of /{relative} to be no older than {Hours(limit)}",
                    $"it is in none of the {asked} snapshot(s) of that age; older ones were not asked", about: snapshot);
            asked++;
            // One path of each snapshot, newest first, none of their trees kept: a history of thousands stays small.
            if (await view.Guard(() => view.Source.EntryAsync(snapshot, relative, cancellationToken)) is null) continue;
            if (now - snapshot.Time <= limit) return snapshot;
            throw view.Failure(FailureCategory.StaleBackup, $"the newest restorable version of /{relative} to be no older than {Hours(limit)}",
                $"it is {Hours(now - snapshot.Time)} old", about: snapshot);
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
