using System.Text.RegularExpressions;

namespace BackupAcceptance.Expectations.Failures;

/// <summary>
/// Who a failed extract's words blame. This machine's restore area (full, not writable) or a tape server that refuses
/// or cannot be reached make a broken run ("Restore failed"); a tape that holds another dump or a damaged archive is
/// the backup's fault. amrecover says "Got no header and data from server" for both kinds, so that line alone decides
/// nothing: amidxtaped's own reason (<see cref="BackupAcceptance.Amanda.Restoring.TapeServerLog"/>) does, and where it
/// is not readable the failure stays on the backup. A restore that may have lost the backup must never pass as the
/// suite's own trouble.
/// </summary>
public static partial class RestoreTrouble
{
    /// <summary>How a full restore area is explained: the one trouble that leaves files behind, short.</summary>
    public const string FullRestoreArea = "the restore area is full";

    /// <summary>tar's error numbers that put the fault on this machine. tar ends each complaint with one
    /// ("tar: ./a/b: Cannot write: No space left on device"); only there do they count, never inside a file's name.</summary>
    private static readonly (string Errno, string Means)[] ThisMachine =
    [
        ("No space left on device", FullRestoreArea),
        ("Disk quota exceeded", FullRestoreArea),
        ("Read-only file system", "the restore area is not writable"),
        ("Permission denied", "the restore area is not writable"),
    ];

    /// <summary>amidxtaped's reasons that put the fault on the tape server's configuration, not on the tapes.</summary>
    private static readonly string[] TapeServerRefusals = ["Storage '", "Permission denied", "is not a valid"];

    private const string LostTape = "the tape holds another dump where the catalogue says this one is, a lost or overwritten tape";

    private const string NoHeader = "Got no header and data from server";

    /// <param name="extractWords">What tar and amrecover said during the extract (stderr and output).</param>
    /// <param name="tapeServerReason">Reads amidxtaped's reason when amrecover only says it got nothing; null when unreadable.</param>
    /// <returns>Null when the words say nothing of who is at fault (the backup's, by default).</returns>
    public static RestoreBlame? Explain(string extractWords, Func<string?> tapeServerReason)
    {
        // Only whole lines of tar's or amrecover's own shape count: a restored file may be called anything, and tar
        // names it in "./name" lines (-v) and inside its complaints.
        var lines = extractWords.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.StartsWith(StderrMark, StringComparison.Ordinal) ? l[StderrMark.Length..] : l)
            .Where(l => !l.StartsWith("./", StringComparison.Ordinal))
            .ToArray();
        foreach (var (errno, means) in ThisMachine)
            if (lines.FirstOrDefault(l => l.StartsWith("tar: ", StringComparison.Ordinal) && l.EndsWith($": {errno}", StringComparison.Ordinal)) is { } line)
                return new RestoreBlame(true, $"{means} (\"{line}\")");
        if (lines.FirstOrDefault(l => !l.StartsWith("tar: ", StringComparison.Ordinal) && l.Contains("does not match expectations", StringComparison.Ordinal)) is { } other)
            return new RestoreBlame(false, $"{LostTape} (\"{other}\")");
        if (lines.Any(l => l.StartsWith(NoHeader, StringComparison.Ordinal)))
        {
            // With auth local amrecover relays amidxtaped's refusal on a line of its own; elsewhere only its debug log has it.
            var relayed = lines.Select(l => RelayedRefusal().Match(l)).FirstOrDefault(m => m.Success);
            var reason = relayed?.Groups["reason"].Value ?? tapeServerReason();
            if (reason is null)
                return new RestoreBlame(false, $"the tape server sent nothing (\"{NoHeader}\") and its reason is not readable here " +
                    "(amidxtaped.*.debug on the server): a lost or overwritten tape is the backup's fault, a refusing tape server is not; look there");
            if (reason.Contains("does not match expectations", StringComparison.Ordinal))
                return new RestoreBlame(false, $"{LostTape}: amidxtaped says \"{reason}\"");
            var refused = TapeServerRefusals.Any(r => reason.Contains(r, StringComparison.Ordinal));
            return refused
                ? new RestoreBlame(true, $"the tape server refused: amidxtaped says \"{reason}\"")
                : new RestoreBlame(false, $"the tape server could not read the dump: amidxtaped says \"{reason}\"");
        }
        if (lines.FirstOrDefault(l => l.Contains("[request failed: Connection refused]", StringComparison.Ordinal)
                                      && !l.StartsWith("tar: ", StringComparison.Ordinal)) is { } unreachable)
            return new RestoreBlame(true, $"the tape server is not reachable (\"{unreachable}\")");
        return null;
    }

    // How the session marks stderr lines in a failure's words (AmandaReplies.FailureLines).
    private const string StderrMark = "(stderr) ";

    // amrecover's line after the tape question, e.g. "Continue [?/Y/n/s/d]? Storage 'ba-daily' not found".
    [GeneratedRegex(@"^(Continue \[\?/Y/n/s/d\]\? )?(?<reason>Storage '[^']*' not found)$")]
    private static partial Regex RelayedRefusal();
}
