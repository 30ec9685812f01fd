using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Core.Failures;

namespace BackupAcceptance.Expectations.Failures;

/// <summary>
/// An Amanda expectation that did not hold: the neutral failure (<see cref="CheckFailedException"/>) with the disk
/// (<see cref="BackupTarget"/>) and the dump date kept as values, for the reports that file by disk and dump.
/// </summary>
public sealed class ExpectationFailedException(
    FailureCategory category, BackupTarget target, DumpDate? dumpDate, string expected, string found, string transcriptTail,
    Exception? inner = null)
    : CheckFailedException(category, Compose(category, target.ToString(), Dump(category, target, dumpDate), expected, found,
        transcriptTail, "amrecover transcript"), target.ToString(), expected, found, transcriptTail, inner)
{
    public BackupTarget Target { get; } = target;

    public DumpDate? DumpDate { get; } = dumpDate;

    /// <summary>Without a date: a stale backup has no dump at all; any other failure happened before a dump was
    /// chosen. The estate names no dump: each of its disks has its own.</summary>
    private static string? Dump(FailureCategory category, BackupTarget target, DumpDate? dumpDate) =>
        target.IsEstate ? null
        : dumpDate is { } date ? $"dump {date}"
        : category == FailureCategory.StaleBackup ? "no dump" : "no dump selected";
}
