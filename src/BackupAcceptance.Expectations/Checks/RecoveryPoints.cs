using BackupAcceptance.Amanda.Image;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// The dump a path's newest restorable version comes from, for the core's recovery-point rule (through
/// <see cref="AmandaDisk"/>). amrecover's listing names, for every entry, the newest dump of the chain whose index lists
/// it; a GNU tar incremental's index lists only the files it wrote, so an unchanged file is dated by the older dump that
/// wrote it. But the incremental's directory records (<see cref="RestoreState"/>) name every file present when it was
/// taken: a restore of the chain gives such a file as it was then, so its recovery point is the incremental. A listed
/// file the incremental records as gone keeps its older date, and the note says it was deleted (a whole restore deletes
/// it too).
/// </summary>
internal static class RecoveryPoints
{
    /// <param name="shown">The dump the session shows: the newest of the chain a restore reads.</param>
    /// <param name="path">Relative to the disk's root; "" is the disk itself.</param>
    /// <returns>The dump and how it was dated, or null when no dump of the chain lists the path.</returns>
    public static async Task<(DumpDate Dump, string Note)?> NewestVersionAsync(SessionLease lease, DumpDate shown, string path,
        CancellationToken cancellationToken)
    {
        var raw = RawPath.Parse(path);
        // The root itself: its "." line carries the dump the listing shows, as every entry carries its own.
        var listed = await Guard.AmandaAsync(lease, shown, $"to find {raw}", async () => raw.IsRoot
            ? (await lease.RootListingAsync(cancellationToken)).DumpDate
            : (await (await lease.NavigatorAsync(cancellationToken)).FindAsync(raw, cancellationToken))?.DumpDate);
        if (listed is not { } dump) return null;
        if (dump.Value == shown.Value) return (dump, "");
        // Listed from an older dump: was it still there when the chain's newest dump was taken?
        var chain = await RestoreStates.ChainAsync(lease, shown, $"to date {raw}", cancellationToken);
        if (chain[0].Level == 0) return (dump, "");
        var records = await RestoreStates.RecordsAsync(lease, chain[0], $"to date {raw}", cancellationToken);
        var newest = $"the level {chain[0].Level} dump of {chain[0].Date}";
        return records.Of(raw, isDirectory: false) switch
        {
            Presence.Present when records.Unwritten(raw) =>
                (dump, $"; {newest} meant to write it and could not (its records name it changed, its data is missing)"),
            Presence.Present => (chain[0].Date, $" (present, unchanged since the dump of {dump}, per its directory records)"),
            Presence.Gone => (dump, $"; it was gone when {newest} was taken (a whole restore deletes it)"),
            _ => (dump, $"; {newest} holds no record of its directory (an include list or an exclusion), so this is its last dump"),
        };
    }
}
