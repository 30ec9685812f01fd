namespace BackupAcceptance.Core.Failures;

/// <summary>
/// A backup expectation that did not hold, in any backup system, phrased for the person reading the morning report:
/// "{category}: {subject} ({which backup}): expected ...; found ...", then the tail of the backup tool's transcript as
/// evidence. Every report reads this; Amanda's checks raise a kind of it that also keeps the disk and dump date.
/// </summary>
public class CheckFailedException : Exception
{
    /// <param name="subject">What was checked, as the reader names it ("restic /srv/repo localhost:/etc").</param>
    /// <param name="backup">Which backup of it ("snapshot 1a2b3c4d of 2026-12-07 08:25"), or null when none was chosen.</param>
    /// <param name="evidenceName">What the transcript is ("restic output").</param>
    public CheckFailedException(FailureCategory category, string subject, string? backup, string expected, string found,
        string transcriptTail, string evidenceName, Exception? inner = null)
        : this(category, Compose(category, subject, backup ?? (category == FailureCategory.StaleBackup ? "no backup" : "no backup selected"),
            expected, found, transcriptTail, evidenceName), subject, expected, found, transcriptTail, inner)
    {
    }

    /// <summary>For a kind that words its own sentence (Amanda's names its dump dates its own way).</summary>
    protected CheckFailedException(FailureCategory category, string message, string subject, string expected, string found,
        string transcriptTail, Exception? inner)
        : base(message, inner)
    {
        Category = category;
        Subject = subject;
        Expected = expected;
        Found = found;
        TranscriptTail = transcriptTail;
    }

    public FailureCategory Category { get; }

    public string Subject { get; }

    public string Expected { get; }

    public string Found { get; }

    public string TranscriptTail { get; }

    /// <summary>The system's id of the backup the sentence names (a snapshot id, an Amanda dump date), or null when it
    /// names none: what lets a system's own reports file the failure under its backup.</summary>
    public string? BackupId { get; init; }

    /// <summary>The files of the backup when the failing check counted all of them (a hollow one: 0), else null: a
    /// fact monitoring reports beside the verdict.</summary>
    public int? FilesCounted { get; init; }

    /// <summary>The reader's sentence, then the evidence after a blank line.</summary>
    protected static string Compose(FailureCategory category, string subject, string? backup, string expected, string found,
        string transcriptTail, string evidenceName)
    {
        var message = backup is null
            ? $"{category.Title()}: {subject}: expected {expected}; found {found}."
            : $"{category.Title()}: {subject} ({backup}): expected {expected}; found {found}.";
        return string.IsNullOrWhiteSpace(transcriptTail) ? message : $"{message}\n\n{evidenceName} (last lines):\n{transcriptTail}";
    }
}
