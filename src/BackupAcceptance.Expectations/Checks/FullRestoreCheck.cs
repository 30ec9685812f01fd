using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;
using System.Globalization;
using System.Text;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Settings;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// A restore of the whole disk into the private area the suite made, and what is in it held against the state that
/// restore must give (<see cref="RestoreState"/>: the listing for a level 0; for an incremental chain its newest
/// dump's directory records, so files GNU tar deletes while extracting, "tar: Deleting ...", are not expected): every
/// file of the state in the area (a regular file, a symbolic link, a FIFO or a device: amrecover lists them alike),
/// and nothing else; the core's rule judges it (WholeRestoreRules). Entries are found with find(1), never opened, so
/// a FIFO cannot block and a link is not followed, and names that are not UTF-8 are matched by their bytes.
/// Refused before it starts when the chain's size before compression (amadmin info) is unknown, above
/// BACKUP_ACCEPTANCE_FULL_RESTORE_LIMIT_MB, or above the free space where it would land.
/// </summary>
public static class FullRestoreCheck
{
    /// <summary>Named in a refusal: the setting that bounds a whole restore (Settings.SettingsOptions.FullRestoreLimitKiB).</summary>
    public static string LimitVariable => SettingCatalogue.FullRestoreLimitMb.Variable;

    /// <param name="area">The private area the suite made for the restore (the caller removes it when this fails).</param>
    public static async Task<RestoredFiles> RestoreWholeDiskAsync(SessionLease lease, WholeRestoreLimit limit, RestoreArea area,
        CancellationToken cancellationToken)
    {
        var target = lease.Target;
        var inventory = await DiskCount.WalkAsync(lease, cancellationToken);
        var dumpDate = inventory.Summary.DumpDate;
        var state = await RestoreStates.OfAsync(lease, inventory, "to know what a whole restore must give", cancellationToken);
        var expected = state.Files.OrderBy(f => Key(f), StringComparer.Ordinal).ToList();
        if (expected.Count == 0)
            throw new ExpectationFailedException(FailureCategory.HollowBackup, target, dumpDate, "files to restore",
                $"no file in the state a restore gives ({state.How}; {Plural.Of(inventory.Summary.Directories, "directory", "directories")} listed)",
                lease.Session.Transcript.Tail());
        var (needed, sizeNote) = await NeededKiBAsync(lease, cancellationToken);
        var free = new DriveInfo(area.Path).AvailableFreeSpace / 1024;
        if (needed is not { } kib)
            throw new ExpectationFailedException(FailureCategory.RestoreFailed, target, dumpDate, "the size of a full restore, to know it fits",
                $"refused: {sizeNote}; a full restore runs only where the server's record gives its size (on the Amanda server)", "");
        if (kib > limit.KiB || kib > free)
            throw new ExpectationFailedException(FailureCategory.RestoreFailed, target, dumpDate,
                $"room for a full restore of {kib:N0} KiB ({sizeNote})",
                kib > limit.KiB
                    ? $"refused: above the limit of {limit.KiB / 1024:N0} MiB ({limit.Setting})"
                    : $"refused: only {free:N0} KiB free where it would land (BACKUP_ACCEPTANCE_RESTORE_DIR)", "");
        RestoreReport report;
        using (await lease.Pool.TapeDriveAsync(lease, dumpDate, cancellationToken))
            report = await Guard.AmandaAsync(lease, dumpDate, "to restore the whole disk",
                () => new Restorer(lease.Session, target.Disk).RestoreWholeDiskAsync(area, cancellationToken));
        var found = await EntriesAsync(area, regularOnly: false, cancellationToken);
        var missing = expected.Where(f => !found.Contains(Key(f))).Select(f => f.ToString()).ToList();
        RestoreCheck.Judge(target, expected.Count, missing, area, dumpDate, report.Extract, lease.Session.Transcript.Tail());
        var regular = await EntriesAsync(area, regularOnly: true, cancellationToken);
        return new RestoredFiles(target, dumpDate, null, expected, area,
            $"the whole disk: {Plural.Of(expected.Count, "file")} from {state.How}; {sizeNote}",
            [.. expected.Where(f => regular.Contains(Key(f)))]);
    }

    /// <summary>What is in the area against the state the restore must give, unjudged: each file of the state missing,
    /// and each entry there that the state does not hold (a restore that brings extra entries back restores another
    /// tree than the one dumped).</summary>
    public static async Task<WholeRestoreComparison> CompareWithStateAsync(RestoredFiles restored, CancellationToken cancellationToken)
    {
        var found = await EntriesAsync(restored.Area, regularOnly: false, cancellationToken);
        var listed = restored.Files.Select(Key).ToHashSet(StringComparer.Ordinal);
        var missing = listed.Where(f => !found.Contains(f)).Order(StringComparer.Ordinal).Select(f => $"/{Shown(f)}: not restored").ToList();
        var extra = found.Where(f => !listed.Contains(f)).Order(StringComparer.Ordinal).Select(f => $"/{Shown(f)}: restored, not in that state").ToList();
        // The first ten of each kind lead, so a message that shows twenty names both: thousands missing must not hide
        // that another tree came back.
        return new WholeRestoreComparison($"the {Plural.Of(listed.Count, "file")} of the state a restore of the dump's chain gives",
            listed.Count(found.Contains), [.. missing.Take(10), .. extra.Take(10), .. missing.Skip(10), .. extra.Skip(10)]);
    }

    /// <summary>Every entry below the area that is not a directory (or only the regular files), as the bytes of its
    /// path relative to the area, read by find(1): nothing is opened, and names that are not UTF-8 stay distinct.</summary>
    internal static async Task<HashSet<string>> EntriesAsync(RestoreArea area, bool regularOnly, CancellationToken cancellationToken)
    {
        var output = new MemoryStream();
        string[] type = regularOnly ? ["-type", "f"] : ["!", "-type", "d"];
        await Cli.Wrap("find").WithArguments([area.Path, "-mindepth", "1", .. type, "-printf", "%P\\0"])
            .WithStandardOutputPipe(PipeTarget.ToStream(output)).ExecuteAsync(cancellationToken);
        return Encoding.Latin1.GetString(output.ToArray()).Split('\0', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A listed path as find prints it: relative, its bytes one Latin-1 character each.</summary>
    internal static string Key(RawPath path) => Encoding.Latin1.GetString(path.ToBytes()).TrimStart('/');

    /// <summary>A key as a reader sees the name: its bytes read as UTF-8.</summary>
    private static string Shown(string key) => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(key));

    /// <summary>The chain's size before compression (what tar writes), each dump matched by level and date, or null with
    /// the reason when the server's record cannot tell (a client; a dump of the chain not on record).</summary>
    private static async Task<(long? KiB, string Note)> NeededKiBAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        var target = lease.Target;
        var (sizes, why) = await DumpSizes.ReadAsync(target.Config, target.Host, target.Disk, cancellationToken);
        if (sizes is null) return (null, $"size unknown: {why}");
        var history = await Guard.AmandaAsync(lease, null, "the disk's dump history", () => lease.HistoryAsync(cancellationToken));
        var chain = IndexChain.Select(history, lease.WorkingDate);
        var unknown = chain.Where(d => DumpSizes.Of(sizes, d) is null).ToList();
        if (unknown.Count > 0)
            return (null, $"size unknown: amadmin info has no record of {string.Join(", ", unknown.Select(d => $"level {d.Level} of {d.Date}"))}");
        var kib = chain.Sum(d => DumpSizes.Of(sizes, d)!.OriginalKiB);
        return (kib, $"{kib:N0} KiB before compression over {Plural.Of(chain.Count, "dump")} of the chain, amadmin info");
    }
}
