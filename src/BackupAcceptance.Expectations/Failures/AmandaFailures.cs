using BackupAcceptance.Core.Failures;
using System.Globalization;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Expectations.Failures;

/// <summary>
/// The one place where amrecover's refusals and failures become verdicts: no dump is a stale backup; a dump whose
/// index cannot be read is a damaged index; a failed extract is a restore that did not bring the files back, unless
/// its words (or amidxtaped's, where readable) blame this machine or the tape server (<see cref="RestoreTrouble"/>:
/// a broken run); an
/// unknown config, host or disk, a dead session or anything unrecognised means Amanda is unreachable or misconfigured.
/// </summary>
public static class AmandaFailures
{
    /// <param name="doing">What the check was doing, as the end of "expected ...": "to walk the disk".</param>
    public static ExpectationFailedException Translate(BackupTarget target, DumpDate? dumpDate, string doing, AmrecoverException failure) =>
        failure switch
        {
            AmandaReplyException { Kind: AmandaErrorKind.NoDump } reply => new(FailureCategory.StaleBackup, target, null,
                "a dump of the disk", $"none ({Line(reply.Reply, "500 ")})", reply.TranscriptTail, reply),
            AmandaReplyException { Kind: AmandaErrorKind.IndexMissing } reply => new(FailureCategory.IndexDamaged, target, dumpDate,
                $"a readable index ({doing})", $"\"{OneLine(reply.Reply)}\"", reply.TranscriptTail, reply),
            AmandaReplyException { Kind: AmandaErrorKind.ExtractFailed } reply => ExtractFailed(target, dumpDate, doing, reply),
            AmandaReplyException { Kind: AmandaErrorKind.UnknownConfig or AmandaErrorKind.UnknownHost or AmandaErrorKind.UnknownDisk } reply =>
                new(FailureCategory.AmandaUnreachable, target, null, $"the index server to know this {What(reply.Kind)}",
                    $"\"{OneLine(reply.Reply)}\"", reply.TranscriptTail, reply),
            _ => new(FailureCategory.AmandaUnreachable, target, dumpDate, doing, failure.Message, failure.TranscriptTail, failure),
        };

    private static ExpectationFailedException ExtractFailed(BackupTarget target, DumpDate? dumpDate, string doing, AmandaReplyException reply)
    {
        var blame = RestoreTrouble.Explain(reply.Reply, () => TapeServerReason(target, dumpDate, reply.SentAt));
        return blame is { NotTheBackup: true }
            ? new(FailureCategory.RestoreFailed, target, dumpDate, doing, $"the extract failed because {blame.Why}: \"{OneLine(reply.Reply)}\"",
                reply.TranscriptTail, reply)
            : new(FailureCategory.RestoreMismatch, target, dumpDate, doing,
                $"the extract failed{(blame is null ? "" : $" ({blame.Why})")}: \"{OneLine(reply.Reply)}\"", reply.TranscriptTail, reply);
    }

    /// <summary>amidxtaped's reason, from its debug log on this machine (the server) of the extract sent at
    /// <paramref name="sentAt"/>: the newest log begun since then that served this host, disk and dump. Null without
    /// a time: an older log may tell of another restore.</summary>
    public static string? TapeServerReason(BackupTarget target, DumpDate? dumpDate, DateTime? sentAt) =>
        sentAt is not { } since
            ? null
            : TapeServerLog.LastError(target.Config, target.Host, target.Disk,
                dumpDate?.Value.ToString(dumpDate.Value.Precision == DumpDatePrecision.Second ? "yyyyMMddHHmmss" : "yyyyMMdd", CultureInfo.InvariantCulture),
                since);

    private static string What(AmandaErrorKind kind) => kind switch
    {
        AmandaErrorKind.UnknownConfig => "configuration",
        AmandaErrorKind.UnknownHost => "host",
        _ => "disk",
    };

    private static string Line(string text, string prefix) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Trim() ?? OneLine(text);

    private static string OneLine(string text) => text.Trim().ReplaceLineEndings(" / ");
}
