using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// A full (level 0) dump is recent, from the disk's <c>history</c>: an incremental restores nothing without the level 0
/// it rests on. That a dump exists and the newest is recent are the core's rules (<c>FreshnessRules</c>, on the
/// disk's history through <c>Sources/AmandaView</c>), as on any backup system.
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

    public static async Task<DumpRecord> RequireFullDumpNoOlderThanAsync(SessionLease lease, TimeSpan maximumAge, DateTime now,
        CancellationToken cancellationToken)
    {
        var history = await Guard.AmandaAsync(lease, null, "the disk's dump history", () => lease.HistoryAsync(cancellationToken));
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

    private static string Days(TimeSpan span) => $"{span.TotalDays:0.##} days";
}
