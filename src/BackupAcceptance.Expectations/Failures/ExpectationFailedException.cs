using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Expectations.Failures;

/// <summary>
/// A backup expectation that did not hold, phrased for the person reading the morning report: category, target and
/// dump date, what was expected, what was found, and the tail of the amrecover transcript as evidence.
/// </summary>
public sealed class ExpectationFailedException(
    FailureCategory category, BackupTarget target, DumpDate? dumpDate, string expected, string found, string transcriptTail,
    Exception? inner = null)
    : Exception(Compose(category, target, dumpDate, expected, found, transcriptTail), inner)
{
    public FailureCategory Category { get; } = category;

    public BackupTarget Target { get; } = target;

    public DumpDate? DumpDate { get; } = dumpDate;

    public string Expected { get; } = expected;

    public string Found { get; } = found;

    public string TranscriptTail { get; } = transcriptTail;

    /// <summary>The files of the dump when the failing check counted the whole disk (a hollow one: 0), else null: a
    /// fact monitoring reports beside the verdict.</summary>
    public int? FilesCounted { get; init; }

    private static string Compose(FailureCategory category, BackupTarget target, DumpDate? dumpDate, string expected,
        string found, string transcriptTail)
    {
        // Without a date: a stale backup has no dump at all; any other failure happened before a dump was chosen.
        var dump = dumpDate is { } date ? $"dump {date}"
            : category == FailureCategory.StaleBackup ? "no dump" : "no dump selected";
        var message = target.IsEstate
            ? $"{category.Title()}: {target}: expected {expected}; found {found}."
            : $"{category.Title()}: {target} ({dump}): expected {expected}; found {found}.";
        return string.IsNullOrWhiteSpace(transcriptTail)
            ? message
            : $"{message}\n\namrecover transcript (last lines):\n{transcriptTail}";
    }
}
