using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Image;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Finds the <see cref="RestoreState"/> of the dump in view. A chain of one level 0 dump: its listing is the state,
/// exactly. A chain ending in an incremental: the incremental's directory records, read from its image on the Amanda
/// server (amfetchdump; only that one image, the small one of the chain). Where they cannot be read (a client of a
/// remote server, a dump program without directory records), the state is unknown and the check says so: it never
/// guesses from the merged listing and never blames the backup for what it could not read.
/// </summary>
public static class RestoreStates
{
    /// <summary>The chain a restore of the dump shown reads, newest first, as amindexd merges it.</summary>
    public static async Task<IReadOnlyList<DumpRecord>> ChainAsync(SessionLease lease, DumpDate? shown, string checking,
        CancellationToken cancellationToken)
    {
        var history = await Guard.AmandaAsync(lease, shown, "the disk's dump history", () => lease.HistoryAsync(cancellationToken));
        var chain = shown is { } date ? IndexChain.Select(history, new DumpDate(date.Value)) : [];
        if (chain.Count == 0 || chain[0].Date.Value != shown!.Value.Value)
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, lease.Target, shown, $"the dump chain of the dump in view, {checking}",
                $"amrecover's history has no dump of {shown?.ToString() ?? "that date"} ({Plural.Of(history.Count, "dump")} listed)",
                lease.Session.Transcript.Tail());
        return chain;
    }

    /// <summary>The state of the dump <paramref name="inventory"/> walked.</summary>
    public static async Task<RestoreState> OfAsync(SessionLease lease, DiskInventory inventory, string checking, CancellationToken cancellationToken)
    {
        var shown = inventory.Summary.DumpDate;
        var chain = await ChainAsync(lease, shown, checking, cancellationToken);
        if (chain[0].Level == 0)
            return new RestoreState(shown, 0, inventory.Files.ToHashSet(), Directories(inventory), $"the level 0 dump's listing ({inventory.Note.Via})");
        var records = await RecordsAsync(lease, chain[0], checking, cancellationToken);
        // Only names some dump of the chain holds can come back, and the listing is exactly those; of them, the records
        // take out what tar deletes while extracting (a name missing from its recorded directory). Below a directory
        // without a record (an include list's root, an excluded directory) nothing is deleted.
        // A directory renamed since the older dumps is moved first, as tar does while extracting the record.
        var files = inventory.Files.Select(records.Renamed).Where(f => records.Of(f, isDirectory: false) != Presence.Gone).ToHashSet();
        var directories = Directories(inventory).Select(records.Renamed).Where(d => records.Of(d, isDirectory: true) != Presence.Gone).ToHashSet();
        var gone = inventory.Files.Count - files.Count;
        var unwritten = files.Count(records.Unwritten);
        return new RestoreState(shown, chain[0].Level, files, directories,
            $"the directory records of the level {chain[0].Level} dump of {chain[0].Date} (read with amfetchdump): " +
            $"{Plural.Of(files.Count, "file")}, {records.WrittenFiles} written by that dump" +
            (gone > 0 ? $"; {Plural.Of(gone, "file")} amrecover lists from older dumps gone by then" : "") +
            (unwritten > 0 ? $"; {Plural.Of(unwritten, "file")} that dump meant to write and could not (an older copy comes back)" : "") +
            (records.Renames.Count > 0 ? $"; renamed since: {string.Join(", ", records.Renames.Select(r => $"{r.From} to {r.To}"))}" : ""));
    }

    /// <summary>An incremental dump's own directory records, read once per run (a dump never changes).</summary>
    public static async Task<DumpedTree> RecordsAsync(SessionLease lease, DumpRecord dump, string checking, CancellationToken cancellationToken)
    {
        var target = lease.Target;
        var key = (target, dump.Date.Value, dump.Level);
        if (lease.Pool.DumpRecords.TryGetValue(key, out var known)) return known;
        ImageRead read;
        using (await lease.Pool.TapeDriveAsync(lease, dump.Date, cancellationToken))
        {
            // As long as an extract may take: amfetchdump streams the whole image, and a missing tape must not hang the run.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(lease.Session.Options.ExtractTimeout);
            try
            {
                read = await DumpImage.ReadTreeAsync(target.Config, target.Host, target.Disk, dump,
                    lease.Session.Options.ExtractStallTimeout, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                read = new(null, $"amfetchdump took longer than {lease.Session.Options.ExtractTimeout} (BACKUP_ACCEPTANCE_EXTRACT_TIMEOUT)");
            }
        }
        if (read.Corrupt)
            throw new ExpectationFailedException(FailureCategory.RestoreMismatch, target, dump.Date,
                $"the level {dump.Level} dump's image to read back whole, {checking}", $"Amanda reports it corrupt: {read.Why}",
                lease.Session.Transcript.Tail());
        if (read.Tree is not { } tree)
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, target, dump.Date,
                $"the state a restore of this level {dump.Level} dump gives, {checking}",
                $"it cannot be known here: {read.Why}. amrecover's listing merges the chain and still shows names deleted before the " +
                "dump, so it is not used in its place (docs/dump-model.md)", lease.Session.Transcript.Tail());
        lease.Pool.DumpRecords.TryAdd(key, tree);
        return tree;
    }

    private static IReadOnlySet<RawPath> Directories(DiskInventory inventory)
    {
        var files = inventory.Files.ToHashSet();
        var directories = inventory.Paths.Where(p => !files.Contains(p)).ToHashSet();
        directories.Add(RawPath.Root);
        return directories;
    }
}
