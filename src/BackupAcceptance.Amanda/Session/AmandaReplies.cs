using System.Text.RegularExpressions;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// Recognises amrecover's refusals (docs/amrecover.md, section 4), on stdout and stderr. Only the start of a line counts:
/// successful output is a path (<c>/srv/x/…</c>) or a dated listing line, so a file named "Invalid directory"
/// cannot pass for a refusal.
/// </summary>
internal static partial class AmandaReplies
{
    // From specific to generic: the first kind whose wording appears wins.
    private static readonly (string Start, AmandaErrorKind Kind)[] Refusals =
    [
        ("Extract list empty", AmandaErrorKind.Rejected),
        ("501 Could not read config file", AmandaErrorKind.UnknownConfig),
        ("501 Host ", AmandaErrorKind.UnknownHost),
        ("501 Disk ", AmandaErrorKind.UnknownDisk),
        ("500 No dumps available", AmandaErrorKind.NoDump),
        // Without a "no dumps" line these mean: the dump exists, its index does not (or cannot be read). After setdate,
        // "No index records for cwd on new date" alone only says the current directory is not in that dump
        // (amrecover goes to the mount point): not a refusal.
        ("599 index file not found", AmandaErrorKind.IndexMissing),
        ("No index records for disk", AmandaErrorKind.IndexMissing),
        ("Extractor child exited with status", AmandaErrorKind.ExtractFailed),
        ("Got no header and data from server", AmandaErrorKind.ExtractFailed),
        ("Invalid directory", AmandaErrorKind.InvalidDirectory),
        ("Too many directories matching", AmandaErrorKind.InvalidDirectory),
        ("Invalid command", AmandaErrorKind.Rejected),
        ("Invalid argument", AmandaErrorKind.Rejected),
        ("Argument required", AmandaErrorKind.Rejected),
        ("syntax error", AmandaErrorKind.Rejected),
        ("Must select", AmandaErrorKind.Rejected),
        ("Mount point ", AmandaErrorKind.Rejected),
        ("Invalid date", AmandaErrorKind.Rejected),
        ("Unterminated quoted string", AmandaErrorKind.Rejected),
    ];

    // Any other index-server error (500-599, "bad reply: ..."), however it continues; not the extractor's progress
    // on stderr ("590 kb": a restore between 500 and 599 KiB into its image).
    [GeneratedRegex(@"^(5\d\d[ -](?!kb$)|bad reply: )")]
    private static partial Regex ServerError();

    // What tar (the extractor) says on stderr when it fails: "tar: x: Cannot open: ...", "/bin/tar: Exiting with ...".
    [GeneratedRegex(@"^(/\S*/)?g?tar: |^ERROR ")]
    private static partial Regex ExtractorError();

    // Not a failure: extracting an incremental, GNU tar deletes what its directory records say was gone then
    // ("tar: Deleting './a/a2.txt'", quotes per locale). tar escapes a newline in the name, so it is one line.
    [GeneratedRegex(@"^(/\S*/)?g?tar: Deleting ['‘`].*['’]$")]
    private static partial Regex IncrementalDeletion();

    /// <summary>The most specific refusal in <paramref name="reply"/> (stdout, then stderr), or null when the
    /// command was accepted.</summary>
    public static AmandaErrorKind? FindRefusal(CommandReply reply)
    {
        var lines = reply.Lines.Concat(StderrLines(reply)).ToList();
        // add: "File x doesn't exist in directory" (but "File /x already added" is fine).
        if (lines.Any(line => line.StartsWith("File ", StringComparison.Ordinal) && line.EndsWith(" doesn't exist in directory", StringComparison.Ordinal)))
            return AmandaErrorKind.NotFound;
        foreach (var (start, kind) in Refusals)
            if (lines.Any(line => line.StartsWith(start, StringComparison.Ordinal)))
                return kind;
        if (lines.Any(IsExtractorError)) return AmandaErrorKind.ExtractFailed;
        return lines.Any(line => ServerError().IsMatch(line)) ? AmandaErrorKind.Rejected : null;
    }

    /// <summary>The lines of <paramref name="reply"/> that say what went wrong, stderr's marked as such: a verdict
    /// quotes these, and the transcript keeps the rest (tapes needed, the questions, progress).</summary>
    public static IReadOnlyList<string> FailureLines(CommandReply reply) =>
        [.. reply.Lines.Where(IsFailureLine), .. StderrLines(reply).Where(IsFailureLine).Select(l => $"(stderr) {l}")];

    private static bool IsFailureLine(string line) =>
        Refusals.Any(r => line.StartsWith(r.Start, StringComparison.Ordinal)) || IsExtractorError(line) || ServerError().IsMatch(line)
        || (line.StartsWith("File ", StringComparison.Ordinal) && line.EndsWith(" doesn't exist in directory", StringComparison.Ordinal))
        // The tape server's own reason, relayed before "Got no header and data from server": it tells a lost tape
        // from a refusing server (the Restore failed category depends on it).
        || line.Contains("does not match expectations", StringComparison.Ordinal) || TapeServerRefusal().IsMatch(line);

    // Lines are bytes read as Latin-1; the quotes of a UTF-8 locale are matched as text.
    private static bool IsExtractorError(string line) => ExtractorError().IsMatch(line) && !IncrementalDeletion().IsMatch(Transcript.Utf8(line));

    [GeneratedRegex("Storage '[^']*' not found")]
    private static partial Regex TapeServerRefusal();

    private static IEnumerable<string> StderrLines(CommandReply reply) =>
        reply.Stderr.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}
