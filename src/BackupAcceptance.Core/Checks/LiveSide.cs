using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>What a backup must be for the live directory to be held against it.</summary>
public static class LiveSide
{
    /// <summary>A snapshot taken with exclude patterns cannot be: the live side does not apply the backup tool's
    /// patterns, so everything they kept out would look lost or uncounted. An input error naming the patterns.</summary>
    public static void RequireComparable(BackupInView view, Snapshot snapshot)
    {
        if (snapshot.Excludes.Count == 0) return;
        throw view.Failure(FailureCategory.InputError, "a snapshot taken without exclude patterns (the live side does not apply the backup tool's patterns)",
            $"it was taken with {string.Join(", ", snapshot.Excludes.Take(5).Select(e => $"'{e}'"))}");
    }
}
