using System.Globalization;
using System.Text.RegularExpressions;
using BackupAcceptance.Amanda.Catalogue;
using CliWrap;

namespace BackupAcceptance.Amanda.Image;

/// <summary>
/// One dump image read on the Amanda server with <c>amfetchdump -p</c> (from tape or holding disk, split parts joined,
/// decompressed and decrypted as a restore would be), streamed straight into <see cref="TarMembers"/>: nothing is
/// written to disk and no file's data is kept. Read-only toward Amanda: like any restore, the tape server notes the
/// read in its own log (log.&lt;timestamp&gt;.0). amfetchdump runs as the configuration's dump user, whom it expects.
/// </summary>
public static partial class DumpImage
{
    // What amfetchdump says on a good read: the volume, the part, its progress, and amcrypt-ossl's OpenSSL 3 warning,
    // for which it exits 1 on an intact encrypted dump (seen on ba-nightly's encrypted disk).
    [GeneratedRegex(@"^(Reading label |split dumpfile: |\d+ kb\s*$|filter stderr: \*\*\* WARNING : deprecated key derivation used\.|filter stderr: Using -iter or -pbkdf2 would be better\.)")]
    private static partial Regex HarmlessLine();

    // Its words for a damaged image: "recovery failed: server-crc (67b5088a:10240) and source_crc (8f0c8721:10240) differ".
    [GeneratedRegex(@"crc .* differ")]
    private static partial Regex CrcMismatch();

    /// <param name="stall">How long the image may send no byte before amfetchdump is killed (null: no bound but the
    /// caller's token): a volume that never loads must not hang the run.</param>
    public static async Task<ImageRead> ReadTreeAsync(string config, string host, string disk, DumpRecord dump, TimeSpan? stall,
        CancellationToken cancellationToken)
    {
        var what = $"the level {dump.Level} dump of {dump.Date}";
        var (words, refusal) = await DumpUser.CommandAsync(config,
            // -a: the changer has the volumes, never prompt. One (host, disk, run timestamp) triple names one dump;
            // --exact-match keeps /srv from matching every disk below it.
            ["amfetchdump", "-p", "-a", "--exact-match", "--", config, host, disk, dump.Date.Value.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)],
            cancellationToken);
        if (words is null) return new(null, refusal);
        DumpedTree? tree = null;
        string? unreadable = null;
        var errors = new System.Text.StringBuilder();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var done = new CancellationTokenSource();
        ReadProgress? progress = null;
        var watching = Task.CompletedTask;
        try
        {
            var result = await Cli.Wrap(words[0]).WithArguments(words[1..])
                .WithStandardInputPipe(PipeSource.Null)
                .WithStandardOutputPipe(PipeTarget.Create(async (stream, token) =>
                {
                    progress = new ReadProgress(stream);
                    if (stall is { } bound) watching = progress.WatchAsync(bound, stop, done.Token);
                    try
                    {
                        tree = await DumpedTree.FromMembersAsync(TarMembers.ReadAsync(progress, token));
                        await stream.CopyToAsync(Stream.Null, token); // the end blocks' padding: amfetchdump must not block
                    }
                    catch (Exception bad) when (bad is InvalidDataException or EndOfStreamException)
                    {
                        // Not worth reading on: a damaged or foreign image ends the read here, drive and all.
                        unreadable = bad.Message;
                        await stop.CancelAsync();
                    }
                }))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(stop.Token);
            return Judge(what, result.ExitCode, errors.ToString(), tree, unreadable);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && unreadable is not null)
        {
            return Judge(what, -1, errors.ToString(), null, unreadable);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(null, $"amfetchdump sent no data of {what} for {stall!.Value.TotalSeconds:0} s after {progress?.BytesRead ?? 0} bytes " +
                             $"(BACKUP_ACCEPTANCE_EXTRACT_STALL) and was stopped: {Tail(errors.ToString())}");
        }
        finally
        {
            await done.CancelAsync();
            await watching;
        }
    }

    /// <summary>A whole tar stream (end blocks and all) is the whole image, but only amfetchdump's own words say the
    /// image is sound: any line of its beyond the harmless ones fails the read, a CRC mismatch as a damaged dump.</summary>
    internal static ImageRead Judge(string what, int exitCode, string stderr, DumpedTree? tree, string? unreadable)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.FirstOrDefault(l => CrcMismatch().IsMatch(l)) is { } crc)
            return new(null, $"amfetchdump read {what} back with a checksum that differs from the one recorded when it was written: \"{crc}\"", Corrupt: true);
        var complaints = lines.Where(l => !HarmlessLine().IsMatch(l)).ToList();
        if (exitCode != 0 && (tree is null || unreadable is not null || complaints.Count > 0))
            return new(null, $"amfetchdump of {what} failed (exit {exitCode}): {Tail(stderr)}" + (unreadable is null ? "" : $"; its image: {unreadable}"));
        if (unreadable is not null) return new(null, $"the image of {what} is unreadable: {unreadable}");
        return tree is null
            ? new(null, $"{what} holds no GNU tar directory records (not a GNU tar incremental dump)")
            : new(tree, "");
    }

    // amfetchdump's last words; its progress lines ("20 kb") say nothing.
    private static string Tail(string stderr) =>
        string.Join(" / ", stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !Regex.IsMatch(l, @"^\d+ kb$")).TakeLast(3));
}
