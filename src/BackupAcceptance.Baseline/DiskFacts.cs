using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations;

namespace BackupAcceptance.Baseline;

/// <summary>What the baseline read of one disk's dumps, or why it could not read them.</summary>
/// <param name="TopLevel">Names directly below the disk's root as the step's table writes them (a directory ends in /),
/// sorted by ordinal.</param>
public sealed record DiskFacts(
    BackupTarget Target,
    DumpDate? Latest,
    int Files,
    int Directories,
    PreviousDump? Previous,
    IReadOnlyList<string> TopLevel,
    string? Unreadable = null)
{
    public static DiskFacts CannotRead(BackupTarget target, string reason) => new(target, null, 0, 0, null, [], reason);
}

/// <summary>The dump before the latest, its file count, or why it could not be counted.</summary>
public sealed record PreviousDump(DumpDate Date, int? Files, string? Unreadable = null);
