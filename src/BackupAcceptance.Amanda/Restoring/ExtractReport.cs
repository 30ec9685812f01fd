namespace BackupAcceptance.Amanda.Restoring;

/// <summary>What one <c>extract</c> said: its whole output, the paths tar reported restoring (<c>./a/b</c>), and what
/// amrecover and tar wrote to stderr meanwhile (tar's complaints, such as a full restore area).</summary>
public sealed record ExtractReport(string Output, IReadOnlyList<string> TarLines, string Stderr = "")
{
    /// <summary>When <c>extract</c> was sent (local time): the tape server's log of it is written from then on.</summary>
    public DateTime? SentAt { get; init; }
}
