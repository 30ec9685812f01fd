using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Expectations.Failures;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Restored files against the live ones they came from (the host must be this machine), by SHA-256. A file changed
/// after the dump is skipped, not failed: the backup cannot know it; so is one whose live copy is gone.
/// </summary>
public static class LiveFileComparison
{
    /// <summary>Every restored file against the live one (host must be this machine). A file changed after the dump,
    /// or whose live copy is gone, is skipped and listed; at least one must be compared.</summary>
    public static async Task<RestoreComparison> RequireMatchesLiveAsync(RestoredFiles restored, string transcriptTail,
        CancellationToken cancellationToken)
    {
        LiveComparisonCheck.RequireLocal(restored.Target, "live files to compare with");
        var dumpedAt = restored.DumpDate is { } date ? DateTime.SpecifyKind(date.Value, DateTimeKind.Local).ToUniversalTime() : DateTime.MaxValue;
        var report = new List<string>();
        var mismatches = new List<string>();
        // A whole disk's links, FIFOs and devices are listed as files but hold no bytes to compare.
        foreach (var file in restored.RegularFiles ?? restored.Files)
        {
            var live = restored.LivePathOf(file);
            DateTime modified;
            try
            {
                modified = RawFiles.LastWriteTimeUtc(live);
            }
            catch (IOException gone)
            {
                report.Add($"skipped {file}: no live file to compare ({gone.Message})");
                continue;
            }
            if (modified > dumpedAt)
            {
                report.Add($"skipped {file}: changed after the dump ({modified:u})");
                continue;
            }
            var comparison = await FileComparison.CompareAsync(live, restored.Area.PathOf(file), cancellationToken);
            var line = $"{file}: live {comparison.LiveSha256 ?? "?"} restored {comparison.RestoredSha256 ?? "?"}{(comparison.Problem is { } p ? $" ({p})" : "")}";
            report.Add((comparison.Matches ? "match " : "MISMATCH ") + line);
            if (!comparison.Matches) mismatches.Add(line);
        }
        var compared = report.Count(line => !line.StartsWith("skipped ", StringComparison.Ordinal));
        if (compared == 0)
            throw new ExpectationFailedException(FailureCategory.NothingChecked, restored.Target, restored.DumpDate,
                "at least one restored file to compare with its live file",
                $"none could be compared ({Guard.Plural(report.Count, "file")} skipped): {string.Join("; ", report)}", transcriptTail);
        if (mismatches.Count > 0)
            throw new ExpectationFailedException(FailureCategory.RestoreMismatch, restored.Target, restored.DumpDate,
                "every restored file unchanged since the dump to have the live file's SHA-256",
                $"{Guard.Plural(mismatches.Count, "mismatch", "mismatches")}: {string.Join("; ", mismatches)}" +
                (restored.Seed is { } seed ? $" (seed {seed})" : ""), transcriptTail);
        return new RestoreComparison(report, compared);
    }
}
