namespace BackupAcceptance.Amanda.Session;

/// <summary>amrecover answered, but with a refusal (unknown host or disk, no dump, invalid directory, ...).</summary>
public sealed class AmandaReplyException(AmandaErrorKind kind, string command, string reply, string transcriptTail)
    : AmrecoverException($"amrecover refused '{command}': {reply}", transcriptTail)
{
    public AmandaErrorKind Kind { get; } = kind;

    public string Command { get; } = command;

    /// <summary>amrecover's own words.</summary>
    public string Reply { get; } = reply;

    /// <summary>When the command was sent (this machine's local time), where it matters: an extract's failure is
    /// explained by the tape server's log of that extract only (<see cref="Restoring.TapeServerLog"/>).</summary>
    public DateTime? SentAt { get; init; }
}
