namespace BackupAcceptance.Amanda.Session;

/// <summary>amrecover could not be used: it would not start, stopped answering, or died. Carries its own words.</summary>
public class AmrecoverException(string message, string transcriptTail, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The last exchanges with amrecover (and its stderr), for failure messages and reports.</summary>
    public string TranscriptTail { get; } = transcriptTail;
}

/// <summary>amrecover did not reach its first prompt: missing binary, not root, unreachable server, ...</summary>
public sealed class AmrecoverStartException(string message, string transcriptTail, Exception? inner = null)
    : AmrecoverException(message, transcriptTail, inner);

/// <summary>A command got no prompt back within its timeout; the process tree was killed.</summary>
public sealed class AmrecoverTimeoutException(string message, string transcriptTail)
    : AmrecoverException(message, transcriptTail);

/// <summary>amrecover exited (or crashed) while a command was waiting for its prompt.</summary>
public sealed class AmrecoverExitedException(string message, string transcriptTail, int? exitCode)
    : AmrecoverException(message, transcriptTail)
{
    public int? ExitCode { get; } = exitCode;
}
