namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// Recognises amrecover's refusals (amanda-facts §6.7). Only the start of a line counts: successful output is a path
/// (<c>/srv/x/…</c>) or a dated listing line, so a file named "Invalid directory" cannot pass for a refusal.
/// </summary>
internal static class AmandaReplies
{
    private static readonly (string Start, AmandaErrorKind Kind)[] Refusals =
    [
        ("Extract list empty", AmandaErrorKind.Rejected),
        ("501 Could not read config file", AmandaErrorKind.UnknownConfig),
        ("501 Host ", AmandaErrorKind.UnknownHost),
        ("501 Disk ", AmandaErrorKind.UnknownDisk),
        ("500 No dumps available", AmandaErrorKind.NoDump),
        ("Invalid directory", AmandaErrorKind.InvalidDirectory),
        ("Too many directories matching", AmandaErrorKind.InvalidDirectory),
        ("Invalid command", AmandaErrorKind.Rejected),
        ("Invalid argument", AmandaErrorKind.Rejected),
        ("Argument required", AmandaErrorKind.Rejected),
        ("syntax error", AmandaErrorKind.Rejected),
        ("Must select", AmandaErrorKind.Rejected),
        ("Invalid date", AmandaErrorKind.Rejected),
    ];

    // Any other index-server error (500-599, "bad reply: ..."), however it continues.
    private static readonly System.Text.RegularExpressions.Regex ServerError = new(@"^(5\d\d[ -]|bad reply: )");

    /// <summary>The most specific refusal in <paramref name="reply"/> (the table is ordered from specific to
    /// generic), or null when the command was accepted.</summary>
    public static AmandaErrorKind? FindRefusal(CommandReply reply)
    {
        var lines = reply.Lines.ToList();
        // add: "File x doesn't exist in directory" (but "File /x already added" is fine).
        if (lines.Any(line => line.StartsWith("File ", StringComparison.Ordinal) && line.EndsWith(" doesn't exist in directory", StringComparison.Ordinal)))
            return AmandaErrorKind.NotFound;
        foreach (var (start, kind) in Refusals)
            if (lines.Any(line => line.StartsWith(start, StringComparison.Ordinal)))
                return kind;
        return lines.Any(line => ServerError.IsMatch(line)) ? AmandaErrorKind.Rejected : null;
    }
}
