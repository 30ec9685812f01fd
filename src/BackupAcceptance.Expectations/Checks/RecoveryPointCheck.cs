using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Image;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// The recovery point of one path: how old the state a restore would bring back is. amrecover's listing names, for
/// every entry, the newest dump of the chain whose index lists it; a GNU tar incremental's index lists only the files
/// it wrote, so an unchanged file is dated by the older dump that wrote it. But the incremental's directory records
/// (<see cref="RestoreState"/>) name every file present when it was taken: a restore of the chain gives such a file
/// as it was then, so its recovery point is the incremental. A listed file the incremental records as gone keeps its
/// older date, and the report says it was deleted (a whole restore deletes it too).
/// </summary>
public static class RecoveryPointCheck
{
    /// <summary>The path's newest restorable version: its dump, that dump's level (when the history lists it) and age.</summary>
    public sealed record RecoveryPoint(RawPath Path, DumpDate Dump, int? Level, TimeSpan Age)
    {
        /// <summary>Why the point is not simply the listing's date: confirmed by a newer incremental, or deleted.</summary>
        public string Note { get; init; } = "";

        public override string ToString() =>
            $"{Path}: newest restorable version from the dump of {Dump}{(Level is { } level ? $" (level {level})" : "")}, {Age.TotalHours:0.#} hours old{Note}";
    }

    public static async Task<RecoveryPoint> RequireNoOlderThanAsync(SessionLease lease, string path, TimeSpan maximumAge, DateTime now,
        CancellationToken cancellationToken)
    {
        var raw = RawPath.Parse(path);
        var (version, latest) = await Guard.AmandaAsync(lease, null, $"to find {raw}", async () =>
        {
            var navigator = await lease.NavigatorAsync(cancellationToken);
            var root = await navigator.GoToAsync(RawPath.Root, cancellationToken);
            // The root itself: its "." line carries the dump the listing shows, as every entry carries its own.
            var found = raw.IsRoot ? root.DumpDate : (await navigator.FindAsync(raw, cancellationToken))?.DumpDate;
            return (found, root.DumpDate);
        });
        if (version is not { } dump)
            throw new ExpectationFailedException(FailureCategory.MissingPath, lease.Target, latest,
                $"a restorable version of {raw}", "no such entry in any dump the restore would read (the whole chain up to the latest)",
                lease.Session.Transcript.Tail());
        var history = await Guard.AmandaAsync(lease, latest, "the disk's dump history", () => lease.HistoryAsync(cancellationToken));
        var note = "";
        if (latest is { } newestShown && newestShown.Value != dump.Value)
        {
            // Listed from an older dump: was it still there when the chain's newest dump was taken?
            var chain = await RestoreStates.ChainAsync(lease, newestShown, $"to date {raw}", cancellationToken);
            if (chain[0].Level > 0)
            {
                var records = await RestoreStates.RecordsAsync(lease, chain[0], $"to date {raw}", cancellationToken);
                var newest = $"the level {chain[0].Level} dump of {chain[0].Date}";
                switch (records.Of(raw, isDirectory: false))
                {
                    case Presence.Present when records.Unwritten(raw):
                        note = $"; {newest} meant to write it and could not (its records name it changed, its data is missing)";
                        break;
                    case Presence.Present:
                        (dump, note) = (chain[0].Date, $" (present, unchanged since the dump of {version}, per its directory records)");
                        break;
                    case Presence.Gone:
                        note = $"; it was gone when {newest} was taken (a whole restore deletes it)";
                        break;
                    case Presence.Unknown:
                        note = $"; {newest} holds no record of its directory (an include list or an exclusion), so this is its last dump";
                        break;
                }
            }
        }
        var point = new RecoveryPoint(raw, dump, history.FirstOrDefault(r => r.Date.Value == dump.Value)?.Level, dump.AgeAt(now)) { Note = note };
        if (point.Age > maximumAge)
            throw new ExpectationFailedException(FailureCategory.StaleBackup, lease.Target, dump,
                $"the newest restorable version of {raw} to be no older than {maximumAge.TotalHours:0.#} hours",
                $"it comes from the dump of {dump}{(point.Level is { } level ? $" (level {level})" : "")}, {point.Age.TotalHours:0.#} hours old{note}" +
                (latest is { } newest && newest.Value != dump.Value ? $"; the latest dump ({newest}) holds no newer copy" : ""),
                lease.Session.Transcript.Tail());
        return point;
    }
}
