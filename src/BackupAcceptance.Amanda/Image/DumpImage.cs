using System.Globalization;
using BackupAcceptance.Amanda.Catalogue;
using CliWrap;

namespace BackupAcceptance.Amanda.Image;

/// <summary>
/// One dump image read on the Amanda server with <c>amfetchdump -p</c> (from tape or holding disk, split parts joined,
/// decompressed and decrypted as a restore would be), streamed straight into <see cref="TarMembers"/>: nothing is
/// written to disk and no file's data is kept. Read-only toward Amanda: like any restore, the tape server notes the
/// read in its own log (log.&lt;timestamp&gt;.0). amfetchdump runs as the configuration's dump user, whom it expects.
/// </summary>
public static class DumpImage
{
    /// <returns>The tree the dump's directory records describe, or null with the reason (not the Amanda server, the
    /// dump not found, not a GNU tar incremental dump, the image unreadable).</returns>
    /// <param name="stall">How long the image may send no byte before amfetchdump is killed (null: no bound but the
    /// caller's token): a volume that never loads must not hang the run.</param>
    public static async Task<(DumpedTree? Tree, string Why)> ReadTreeAsync(string config, string host, string disk, DumpRecord dump,
        TimeSpan? stall, CancellationToken cancellationToken)
    {
        string[] words =
        [
            // One (host, disk, run timestamp) triple names one dump; --exact-match keeps /srv from matching every disk below it.
            "amfetchdump", "-p", "--exact-match", "--", config, host, disk, dump.Date.Value.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
        ];
        if (Environment.UserName == "root")
        {
            var (dumpUser, why) = await AmandaParameter.GetAsync(config, "dumpuser", cancellationToken);
            if (dumpUser is null or "root")
                return (null, dumpUser is null ? why : $"amgetconf {config} dumpuser gave root, whom amfetchdump refuses");
            words = ["runuser", "-u", dumpUser, "--", .. words];
        }
        DumpedTree? tree = null;
        string? unreadable = null;
        var errors = new System.Text.StringBuilder();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var done = new CancellationTokenSource();
        ReadProgress? progress = null;
        Task watching = Task.CompletedTask;
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
                    }
                    catch (Exception bad) when (bad is InvalidDataException or EndOfStreamException)
                    {
                        unreadable = bad.Message;
                    }
                    // Drain the rest, so amfetchdump never blocks on a pipe nobody reads.
                    await stream.CopyToAsync(Stream.Null, token);
                }))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(stop.Token);
            var said = Tail(errors.ToString());
            // A whole tar stream, end blocks and all, is the whole image even when amfetchdump exits 1: it does so for
            // amcrypt-ossl's OpenSSL 3 warning on an intact encrypted dump. A stream cut short never counts.
            if (result.ExitCode != 0 && (tree is null || unreadable is not null))
                return (null, $"amfetchdump of the level {dump.Level} dump of {dump.Date} failed (exit {result.ExitCode}): {said}" +
                              (unreadable is null ? "" : $"; its image: {unreadable}"));
            if (unreadable is not null) return (null, $"the image of the level {dump.Level} dump of {dump.Date} is unreadable: {unreadable}");
            return tree is null
                ? (null, $"the level {dump.Level} dump of {dump.Date} holds no GNU tar directory records (not a GNU tar incremental dump)")
                : (tree, "");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"amfetchdump sent no data of the level {dump.Level} dump of {dump.Date} for {stall!.Value.TotalSeconds:0} s " +
                          $"after {progress?.BytesRead ?? 0} bytes (BACKUP_ACCEPTANCE_EXTRACT_STALL) and was stopped: {Tail(errors.ToString())}");
        }
        catch (Exception notFound) when (notFound is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, "amfetchdump is not installed here (not the Amanda server)");
        }
        finally
        {
            await done.CancelAsync();
            await watching;
        }
    }

    // amfetchdump's last words; its progress lines ("20 kb") say nothing.
    private static string Tail(string stderr) =>
        string.Join(" / ", stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
}
