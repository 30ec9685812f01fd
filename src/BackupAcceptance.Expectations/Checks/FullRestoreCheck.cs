using System.Globalization;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// A restore of the whole disk into the private restore area, compared with the listing (every file of the dump's
/// listing is there, and nothing else). Refused before it starts when the dump (its chain's size before compression,
/// from amadmin info) is larger than BACKUP_ACCEPTANCE_FULL_RESTORE_LIMIT_MB or the free space where it would land.
/// </summary>
public static class FullRestoreCheck
{
    public const string LimitVariable = "BACKUP_ACCEPTANCE_FULL_RESTORE_LIMIT_MB";

    /// <summary>The largest full restore by default: 10 GiB.</summary>
    public const long DefaultLimitMiB = 10_240;

    public static long LimitKiB(Func<string, string?> env)
    {
        var value = env(LimitVariable);
        if (string.IsNullOrWhiteSpace(value)) return DefaultLimitMiB * 1024;
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var mib) && mib is >= 1 and <= 100_000_000
            ? mib * 1024
            : throw new ArgumentException($"{LimitVariable}='{value}' is not a number of MiB from 1 to 100000000.");
    }

    public static async Task<RestoredFiles> RestoreWholeDiskAsync(SessionLease lease, long limitKiB, CancellationToken cancellationToken)
    {
        var target = lease.Target;
        var inventory = await DiskCount.WalkAsync(lease, cancellationToken);
        var dumpDate = inventory.Summary.DumpDate;
        if (inventory.Files.Count == 0)
            throw new ExpectationFailedException(FailureCategory.HollowBackup, target, dumpDate, "files to restore",
                $"no file in the listing ({Guard.Plural(inventory.Summary.Directories, "directory", "directories")})", lease.Session.Transcript.Tail());
        var root = lease.Session.Options.RestoreRoot ?? Path.GetTempPath();
        var (needed, sizeNote) = await NeededKiBAsync(lease, cancellationToken);
        var free = new DriveInfo(root).AvailableFreeSpace / 1024;
        if (needed is { } kib && (kib > limitKiB || kib > free))
            throw new ExpectationFailedException(FailureCategory.RestoreFailed, target, dumpDate,
                $"room for a full restore of {kib:N0} KiB ({sizeNote})",
                kib > limitKiB
                    ? $"refused: above the limit of {limitKiB / 1024:N0} MiB ({LimitVariable})"
                    : $"refused: only {free:N0} KiB free in {root} (BACKUP_ACCEPTANCE_RESTORE_DIR)", "");
        var area = RestoreArea.Create(lease.Session.Options.RestoreRoot);
        try
        {
            var report = await Guard.AmandaAsync(lease, dumpDate, "to restore the whole disk",
                () => new Restorer(lease.Session, target.Disk).RestoreWholeDiskAsync(area, cancellationToken));
            RestoreCheck.RequireAllRestored(target, inventory.Files, area, dumpDate, report.Extract, lease.Session.Transcript.Tail());
            return new RestoredFiles(target, dumpDate, null, inventory.Files, area,
                $"the whole disk: {Guard.Plural(inventory.Files.Count, "file")} of the listing ({inventory.Note.Via}); {sizeNote}");
        }
        catch
        {
            await area.DisposeAsync();
            throw;
        }
    }

    /// <summary>Nothing in the area but what the listing holds: a restore that brings extra files back restores another
    /// tree than the one listed.</summary>
    public static async Task<int> RequireOnlyListedAsync(RestoredFiles restored, string transcriptTail, CancellationToken cancellationToken)
    {
        // find counts every name as it is on disk; .NET would fold names that are not UTF-8.
        var found = await Cli.Wrap("find").WithArguments([restored.Area.Path, "-mindepth", "1", "-type", "f", "-printf", "."])
            .ExecuteBufferedAsync(cancellationToken);
        var files = found.StandardOutput.Length;
        if (files != restored.Files.Count)
            throw new ExpectationFailedException(FailureCategory.RestoreMismatch, restored.Target, restored.DumpDate,
                $"the {Guard.Plural(restored.Files.Count, "file")} of the listing in the restore area, and nothing else",
                $"{Guard.Plural(files, "file")} there", transcriptTail);
        return files;
    }

    /// <summary>The chain's size before compression (what tar writes), or null with the reason when the server's record
    /// cannot be read here (a client): then only the free space at the end tells.</summary>
    private static async Task<(long? KiB, string Note)> NeededKiBAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        var target = lease.Target;
        var (sizes, why) = await DumpSizes.ReadAsync(target.Config, target.Host, target.Disk, cancellationToken);
        if (sizes is null) return (null, $"size unknown: {why}");
        var chain = IndexChain.Select(await lease.Session.HistoryAsync(cancellationToken), lease.WorkingDate);
        var kib = chain.Sum(d => sizes.FirstOrDefault(s => s.Level == d.Level)?.OriginalKiB ?? 0);
        return (kib, $"{kib:N0} KiB before compression over {Guard.Plural(chain.Count, "dump")} of the chain, amadmin info");
    }
}
