using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Existence and freshness, from the disk's <c>history</c>: a dump exists, the newest is recent, a full (level 0)
/// dump is recent. An old backup restores yesterday's world, or last month's.
/// </summary>
public static class FreshnessCheck
{
    /// <summary>Ten years: the longest age a step may name.</summary>
    public const int MaximumHours = StepBounds.MaximumHours;

    /// <summary>An age in hours from a step: 0 to <see cref="MaximumHours"/>, else a suite defect.</summary>
    public static TimeSpan Hours(BackupTarget target, int hours) =>
        TimeSpan.FromHours(StepInput.Require(target, hours, 0, MaximumHours, "a number of hours"));

    /// <summary>An age in days from a step: 0 to ten years, else a suite defect.</summary>
    public static TimeSpan Days(BackupTarget target, int days) =>
        TimeSpan.FromDays(StepInput.Require(target, days, 0, MaximumHours / 24, "a number of days"));

    public static async Task<DumpRecord> RequireDumpAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        var history = await HistoryAsync(lease, cancellationToken);
        return history.FirstOrDefault() ?? throw new ExpectationFailedException(FailureCategory.StaleBackup, lease.Target, null,
            "a dump of the disk", "no dump in its history", lease.Session.Transcript.Tail());
    }

    public static async Task<DumpRecord> RequireLatestNoOlderThanAsync(SessionLease lease, TimeSpan maximumAge, DateTime now,
        CancellationToken cancellationToken)
    {
        var latest = await RequireDumpAsync(lease, cancellationToken);
        var age = latest.Date.AgeAt(now);
        if (!IsFresh(latest.Date, maximumAge, now))
            throw new ExpectationFailedException(FailureCategory.StaleBackup, lease.Target, latest.Date,
                $"the latest dump to be no older than {Hours(maximumAge)}", $"it is {Hours(age)} old (level {latest.Level}, {latest.Label})",
                lease.Session.Transcript.Tail());
        return latest;
    }

    public static async Task<DumpRecord> RequireFullDumpNoOlderThanAsync(SessionLease lease, TimeSpan maximumAge, DateTime now,
        CancellationToken cancellationToken)
    {
        var history = await HistoryAsync(lease, cancellationToken);
        var full = history.FirstOrDefault(r => r.Level == 0);
        if (full is null || !IsFresh(full.Date, maximumAge, now))
            throw new ExpectationFailedException(FailureCategory.StaleBackup, lease.Target, full?.Date ?? history.FirstOrDefault()?.Date,
                $"a level 0 dump no older than {Days(maximumAge)}",
                full is null ? $"no level 0 dump among {history.Count} dumps" : $"the newest level 0 dump is {Days(full.Date.AgeAt(now))} old",
                lease.Session.Transcript.Tail());
        return full;
    }

    /// <summary>No older than the bound: a dump exactly that old still passes.</summary>
    public static bool IsFresh(DumpDate date, TimeSpan maximumAge, DateTime now) => date.AgeAt(now) <= maximumAge;

    private static Task<IReadOnlyList<DumpRecord>> HistoryAsync(SessionLease lease, CancellationToken cancellationToken) =>
        Guard.AmandaAsync(lease, null, "the disk's dump history", () => lease.HistoryAsync(cancellationToken));

    private static string Hours(TimeSpan span) => $"{span.TotalHours:0.#} hours";

    private static string Days(TimeSpan span) => $"{span.TotalDays:0.##} days";
}
