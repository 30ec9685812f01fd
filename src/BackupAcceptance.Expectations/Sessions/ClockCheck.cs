using System.Globalization;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Failures;

namespace BackupAcceptance.Expectations.Sessions;

/// <summary>
/// A disk's dumps against this machine's clock, once per disk and run, as soon as its session has the disk set and
/// before any check looks: a dump dated ahead (<see cref="DumpClock"/>) is hidden by amrecover's default date, so a
/// path in it would read as missing and a count from the index files would disagree with amrecover. That is the
/// clocks' fault, not the backup's: the disk is reported as a misconfiguration, naming the dump's date, this
/// machine's time and the server's clock.
/// </summary>
public static class ClockCheck
{
    /// <returns>A note for the report when no dump is dated ahead, else the failure that names them (Amanda
    /// unreachable or misconfigured), for the caller to keep and throw.</returns>
    /// <exception cref="ExpectationFailedException">The history could not be read (in the reader's terms).</exception>
    public static async Task<(string? Note, ExpectationFailedException? Skew)> RunAsync(AmrecoverSession session, BackupTarget target, DateTime localNow, CancellationToken cancellationToken)
    {
        IReadOnlyList<DumpRecord> history;
        try
        {
            history = await session.HistoryAsync(cancellationToken);
        }
        catch (AmrecoverException failure)
        {
            throw AmandaFailures.Translate(target, null, "the disk's dump history (to check its dates against this machine's clock)", failure);
        }
        var ahead = DumpClock.Ahead(history, localNow);
        var now = localNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        if (ahead.Count == 0) return ($"no dump dated after this machine's time ({now})", null);
        var newest = ahead[0];
        return (null, new ExpectationFailedException(FailureCategory.AmandaUnreachable, target, newest.Date,
            $"no dump dated after this machine's time, {now} ({DumpClock.Tolerance.TotalMinutes:0} minutes allowed)",
            $"{Describe(ahead, localNow)}: the server's clock was ahead when it dumped, or this machine's clock is behind. " +
            "amrecover's default date hides a dump dated ahead, so a path in it would look missing and a count would disagree " +
            "with its index; set the clocks right (the dump keeps its date: amrecover shows it once this machine's clock passes it)",
            session.Transcript.Tail()));
    }

    private static string Describe(IReadOnlyList<DumpRecord> ahead, DateTime localNow) =>
        $"{(ahead.Count == 1 ? "a dump" : $"{ahead.Count} dumps")} dated ahead of it: " +
        string.Join(", ", ahead.Select(d =>
            $"{d.Date} (level {d.Level}{(d.Location.Length > 0 ? $", {d.Location}" : "")}, {(d.Date.Value - localNow).TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} hours ahead)"));
}
