namespace BackupAcceptance.Amanda.Session;

/// <summary>amrecover answered, but with a refusal (unknown host or disk, no dump, invalid directory, ...).</summary>
public sealed class AmandaReplyException(AmandaErrorKind kind, string command, string reply, string transcriptTail)
    : AmrecoverException($"amrecover refused '{command}': {reply}", transcriptTail)
{
    public AmandaErrorKind Kind { get; } = kind;

    public string Command { get; } = command;

    /// <summary>amrecover's own words.</summary>
    public string Reply { get; } = reply;
}
