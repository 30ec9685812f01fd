using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using System.Diagnostics;
using System.Globalization;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// The recovery time of a disk, estimated: a restore streams whole dump images from the tape server to tar, even for
/// one file: every image of the chain up to the dump the listing names for the file (GNU tar's incremental indexes
/// list every file still present, so that is usually the latest, and the whole chain is read). One file, restored twice
/// and timed, so measures the throughput on the real images; the chain's stored size (amadmin info) over it is the
/// estimate, the two timings give its spread, and the slower decides. The second read may come from the page cache
/// where a disk-based tape server keeps it; a real tape does not. The core's rule judges it (RecoveryTimeRules).
/// </summary>
public static class RecoveryTimeCheck
{
    /// <summary>Directories searched for a file of the full dump before any file is taken instead.</summary>
    private const int SearchLimit = 200;

    /// <summary>What the estimate rests on, for the report.</summary>
    public sealed record RecoveryTime(RawPath TimedFile, DumpDate TimedDump, long StreamedKiB, IReadOnlyList<TimeSpan> Timings,
        long ChainStoredKiB, long ChainOriginalKiB, int ChainDumps, TimeSpan Fastest, TimeSpan Slowest)
    {
        public override string ToString() => FormattableString.Invariant(
            $"estimated full restore: {Fastest.TotalSeconds:0.#} to {Slowest.TotalSeconds:0.#} s ({ChainDumps} dump(s) of the chain, {ChainStoredKiB:N0} KiB stored, {ChainOriginalKiB:N0} KiB written); throughput {StreamedKiB / Math.Max(0.001, Timings.Max().TotalSeconds):N0} to {StreamedKiB / Math.Max(0.001, Timings.Min().TotalSeconds):N0} KiB/s, from {Timings.Count} timed restores of {TimedFile} ({string.Join(", ", Timings.Select(t => FormattableString.Invariant($"{t.TotalSeconds:0.00} s")))}) listed in the dump of {TimedDump}, which streams the chain's images up to it ({StreamedKiB:N0} KiB stored). Not measured: writing every file to the restore area (tar writes only the file asked for), and a tape load on a real library");
    }

    /// <summary>The estimate, not judged: the core's rule (RecoveryTimeRules) holds it to the bound.</summary>
    public static async Task<RecoveryTime> EstimateAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        var target = lease.Target;
        var (sizes, why) = await DumpSizes.ReadAsync(target.Config, target.Host, target.Disk, cancellationToken);
        if (sizes is null)
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, target, null,
                "the dump's size from the server's record (amadmin info), to estimate a full restore", why, "");
        var history = await Guard.AmandaAsync(lease, null, "the disk's dump history", () => lease.HistoryAsync(cancellationToken));
        var chain = IndexChain.Select(history, lease.WorkingDate);
        if (chain.Count == 0 || chain[^1].Level != 0)
            throw new ExpectationFailedException(FailureCategory.StaleBackup, target, chain.FirstOrDefault()?.Date,
                "a full (level 0) dump to restore from", $"no level 0 in the chain ({Plural.Of(history.Count, "dump")} in the history)",
                lease.Session.Transcript.Tail());
        var full = chain[^1];
        var unknown = chain.Where(d => DumpSizes.Of(sizes, d) is null).ToList();
        if (unknown.Count > 0)
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, target, full.Date,
                "the size of every dump of the restore chain on the server's record",
                $"amadmin info has no record of {string.Join(", ", unknown.Select(d => $"level {d.Level} of {d.Date}"))} (it lists {string.Join(", ", sizes)})", "");
        static long Stored(DumpSize size) => Math.Max(1, size.CompressedKiB > 0 ? size.CompressedKiB : size.OriginalKiB);

        var (file, fileDump) = await FileOfDumpAsync(lease, chain, cancellationToken);
        var timings = new List<TimeSpan>();
        for (var round = 0; round < 2; round++)
        {
            var clock = Stopwatch.StartNew();
            await using var restored = await RestoreCheck.RestoreFileAsync(lease, file.ToString(), cancellationToken);
            // The restore's own time: not the wait for a tape drive another restore held (parallel shards).
            timings.Add(clock.Elapsed - (lease.LastDriveWait?.Waited ?? TimeSpan.Zero));
        }
        // The timed restore read every image of the chain up to the file's dump; a full restore reads them all.
        var streamed = chain.Where(d => d.Date.Value <= fileDump.Value).Sum(d => Stored(DumpSizes.Of(sizes, d)!));
        var chainStored = chain.Sum(d => Stored(DumpSizes.Of(sizes, d)!));
        var chainOriginal = chain.Sum(d => DumpSizes.Of(sizes, d)!.OriginalKiB);
        TimeSpan Scale(TimeSpan timed) => TimeSpan.FromSeconds(timed.TotalSeconds * chainStored / Math.Max(1, streamed));
        return new RecoveryTime(file, fileDump, streamed, timings, chainStored, chainOriginal, chain.Count, Scale(timings.Min()), Scale(timings.Max()));
    }

    /// <summary>A file the listing dates by <paramref name="full"/> (its restore reads the level 0 image alone), found
    /// breadth first; else the first file found, with the dump the listing names for it.</summary>
    /// <exception cref="ExpectationFailedException">SuiteDefect: amrecover shows another dump than the chain's newest.</exception>
    private static async Task<(RawPath File, DumpDate Dump)> FileOfDumpAsync(SessionLease lease, IReadOnlyList<DumpRecord> chain,
        CancellationToken cancellationToken)
    {
        var full = chain[^1].Date;
        return await Guard.AmandaAsync(lease, null, "to find a file of the full dump", async () =>
        {
            var navigator = await lease.NavigatorAsync(cancellationToken);
            var queue = new Queue<RawPath>([RawPath.Root]);
            (RawPath File, DumpDate Dump)? any = null;
            for (var listed = 0; queue.Count > 0 && listed < SearchLimit; listed++)
            {
                var directory = queue.Dequeue();
                var listing = await navigator.GoToAsync(directory, cancellationToken);
                // The sizes above are the chain's: they stand only if amrecover shows the chain's newest dump.
                if (directory.IsRoot && listing.DumpDate is { } shown) DumpPick.RequireAgreement(lease, chain, shown);
                foreach (var entry in listing.Entries.OrderBy(e => e.Name.Latin1, StringComparer.Ordinal))
                {
                    var path = directory.Append(entry.Name);
                    if (entry.IsDirectory) { queue.Enqueue(path); continue; }
                    if (entry.DumpDate.Value == full.Value) return (path, entry.DumpDate);
                    any ??= (path, entry.DumpDate);
                }
            }
            return any ?? throw new ExpectationFailedException(FailureCategory.HollowBackup, lease.Target, full,
                "a file to time a restore with", $"no file in the first {SearchLimit} directories", lease.Session.Transcript.Tail());
        });
    }
}
