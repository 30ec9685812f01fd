using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// The recovery point of one path: how old the state a restore would bring back is. amrecover's listing names, for
/// every entry, the dump it comes from: the newest dump of the restore chain whose index lists it. GNU tar's
/// incremental indexes list every file still present, so there an unchanged file is dated by the latest incremental
/// (its state was confirmed then); indexes that list only changed files (dump) date it by the older dump. A path whose
/// disk stopped being dumped keeps the date of its last dump.
/// </summary>
public static class RecoveryPointCheck
{
    /// <summary>The path's newest restorable version: its dump, that dump's level (when the history lists it) and age.</summary>
    public sealed record RecoveryPoint(RawPath Path, DumpDate Dump, int? Level, TimeSpan Age)
    {
        public override string ToString() =>
            $"{Path}: newest restorable version from the dump of {Dump}{(Level is { } level ? $" (level {level})" : "")}, {Age.TotalHours:0.#} hours old";
    }

    public static async Task<RecoveryPoint> RequireNoOlderThanAsync(SessionLease lease, string path, TimeSpan maximumAge, DateTime now,
        CancellationToken cancellationToken)
    {
        var raw = RawPath.Parse(path);
        var (version, latest) = await Guard.AmandaAsync(lease, null, $"to find {raw}", async () =>
        {
            var navigator = await TreeNavigator.AtRootAsync(lease.Session, lease.Target.Disk, cancellationToken);
            var root = await navigator.GoToAsync(RawPath.Root, cancellationToken);
            // The root itself: its "." line carries the dump the listing shows, as every entry carries its own.
            var found = raw.IsRoot ? root.DumpDate : (await navigator.FindAsync(raw, cancellationToken))?.DumpDate;
            return (found, root.DumpDate);
        });
        if (version is not { } dump)
            throw new ExpectationFailedException(FailureCategory.MissingPath, lease.Target, latest,
                $"a restorable version of {raw}", "no such entry in any dump the restore would read (the whole chain up to the latest)",
                lease.Session.Transcript.Tail());
        var history = await Guard.AmandaAsync(lease, latest, "the disk's dump history", () => lease.Session.HistoryAsync(cancellationToken));
        var point = new RecoveryPoint(raw, dump, history.FirstOrDefault(r => r.Date.Value == dump.Value)?.Level, dump.AgeAt(now));
        if (point.Age > maximumAge)
            throw new ExpectationFailedException(FailureCategory.StaleBackup, lease.Target, dump,
                $"the newest restorable version of {raw} to be no older than {maximumAge.TotalHours:0.#} hours",
                $"it comes from the dump of {dump}{(point.Level is { } level ? $" (level {level})" : "")}, {point.Age.TotalHours:0.#} hours old" +
                (latest is { } newest && newest.Value != dump.Value ? $"; the latest dump ({newest}) holds no newer copy" : ""),
                lease.Session.Transcript.Tail());
        return point;
    }
}
