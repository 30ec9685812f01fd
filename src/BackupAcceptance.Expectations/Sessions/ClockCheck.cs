using BackupAcceptance.Core.Failures;
using System.Globalization;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Failures;

namespace BackupAcceptance.Expectations.Sessions;

/// <summary>
/// A disk's dumps against this machine's clock, once per disk and run, as soon as its session has the disk set and
/// before any check looks (<see cref="DumpClock"/>). amrecover's default date is today, this machine's date, and takes
/// in the whole day: a dump dated a later day is hidden, so a path in it would read as missing and a count from the
/// index files would disagree with amrecover. That is the clocks' fault, not the backup's: the disk is reported as a
/// misconfiguration, naming the dump's date, this machine's time and the server's clock (or its time zone). A dump
/// ahead but on today's date, or (when the index server is another machine) within the zones' span, is only noted:
/// the server's clock may keep another zone.
/// </summary>
public static class ClockCheck
{
    /// <param name="serverIsLocal">Whether the index server is this machine: then only today's date explains a dump
    /// dated ahead; else also a time zone up to <see cref="DumpClock.ZoneSpan"/> ahead.</param>
    /// <returns>A note for the report when no dump is dated ahead beyond what today's date or a time zone explains,
    /// else the failure that names them (Amanda unreachable or misconfigured), for the caller to keep and throw; and
    /// the history it read (a freshness check right after may use it instead of asking again).</returns>
    /// <exception cref="ExpectationFailedException">The history could not be read (in the reader's terms).</exception>
    public static async Task<(string? Note, ExpectationFailedException? Skew, IReadOnlyList<DumpRecord> History)> RunAsync(AmrecoverSession session, BackupTarget target,
        DateTime localNow, bool serverIsLocal, CancellationToken cancellationToken)
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
        var (note, skew) = Judge(history, target, localNow, serverIsLocal, session.Transcript.Tail());
        return (note, skew, history);
    }

    /// <summary>The verdict on a history already read (see <see cref="RunAsync"/>).</summary>
    public static (string? Note, ExpectationFailedException? Skew) Judge(IReadOnlyList<DumpRecord> history, BackupTarget target,
        DateTime localNow, bool serverIsLocal, string transcriptTail)
    {
        var reading = DumpClock.Read(history, localNow, serverIsLocal);
        var now = localNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        if (reading.Skewed.Count == 0)
            return (reading.Explained.Count == 0
                ? $"no dump dated after this machine's time ({now})"
                : $"no dump dated ahead of this machine's time ({now}) beyond what {(serverIsLocal ? "today's date" : "today's date or the index server's time zone")} explains; " +
                  $"note: {Describe(reading.Explained, localNow)}{Why(reading.Explained, localNow, serverIsLocal)}", null);
        var newest = reading.Skewed[0];
        return (null, new ExpectationFailedException(FailureCategory.AmandaUnreachable, target, newest.Date,
            $"no dump dated after this machine's time, {now} ({DumpClock.Tolerance.TotalMinutes:0} minutes allowed" +
            (serverIsLocal ? ", or later today" : $", or later today, or up to {DumpClock.ZoneSpan.TotalHours:0} hours for an index server in another time zone") + ")",
            $"{Describe(reading.Skewed, localNow)}: the server's clock (or its time zone) was ahead when it dumped, or this machine's clock is behind. " +
            "amrecover's default date is this machine's date and hides a dump dated a later day, so a path in it would look missing " +
            "and a count would disagree with its index; set the clocks right (the dump keeps its date: amrecover shows it once this machine's date reaches it)",
            transcriptTail));
    }

    private static string Why(IReadOnlyList<DumpRecord> explained, DateTime localNow, bool serverIsLocal)
    {
        var laterDay = explained.Any(d => d.Date.Value.Date != localNow.Date);
        return laterDay
            ? $" (the index server is another machine, whose clock may keep a time zone up to {DumpClock.ZoneSpan.TotalHours:0} hours ahead; " +
              "amrecover hides a dump dated a later day until this machine's date reaches it)"
            : serverIsLocal
                ? " (later today: amrecover's default date takes in the whole day and shows it)"
                : " (later today: amrecover's default date takes in the whole day and shows it; the index server's clock may keep another time zone)";
    }

    private static string Describe(IReadOnlyList<DumpRecord> ahead, DateTime localNow) =>
        $"{(ahead.Count == 1 ? "a dump" : $"{ahead.Count} dumps")} dated ahead of it: " +
        string.Join(", ", ahead.Select(d =>
            $"{d.Date} (level {d.Level}{(d.Location.Length > 0 ? $", {d.Location}" : "")}, {(d.Date.Value - localNow).TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} hours ahead)"));
}
