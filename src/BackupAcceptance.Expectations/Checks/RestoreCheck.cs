using System.Text;
using System.Text.RegularExpressions;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// The data layer: restore real files into a private area and look at their bytes. A random sample (seeded, so a
/// run can be replayed) is compared with the live files; a canary planted before the dump is checked for content
/// and age. A file changed after the dump is skipped, not failed: the backup cannot know it.
/// </summary>
public static class RestoreCheck
{
    /// <summary>Files one random restore may ask for: a restore is a sample, not a copy of the disk.</summary>
    public const int MaximumRandomFiles = 1000;

    public static async Task<RestoredFiles> RestoreRandomFilesAsync(SessionLease lease, int count, int seed, CancellationToken cancellationToken)
    {
        StepInput.Require(lease.Target, count, 1, MaximumRandomFiles, "a number of files to restore");
        var inventory = await DiskCount.WalkAsync(lease, cancellationToken);
        var (all, dumpDate) = (inventory.Files, inventory.Summary.DumpDate);
        if (all.Count == 0)
            throw new ExpectationFailedException(FailureCategory.HollowBackup, lease.Target, dumpDate,
                $"files to restore ({count})", "no file in the whole disk", lease.Session.Transcript.Tail());
        // Sorted by bytes first: the same dump and seed choose the same files whatever order ls printed.
        var ordered = all.OrderBy(p => Convert.ToHexString(p.ToBytes()), StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(ordered);
        return await RestoreAsync(lease, ordered.Take(count).ToList(), dumpDate, seed, cancellationToken);
    }

    public static async Task<RestoredFiles> RestoreFileAsync(SessionLease lease, string path, CancellationToken cancellationToken)
    {
        var rawPath = RawPath.Parse(path);
        var (entry, dumpDate) = await Guard.AmandaAsync(lease, null, $"to find {rawPath}", async () =>
        {
            var navigator = await TreeNavigator.AtRootAsync(lease.Session, lease.Target.Disk, cancellationToken);
            var root = await navigator.GoToAsync(RawPath.Root, cancellationToken);
            return (rawPath.IsRoot ? null : await navigator.FindAsync(rawPath, cancellationToken), root.DumpDate);
        });
        if (entry is not { IsDirectory: false })
            throw new ExpectationFailedException(FailureCategory.MissingPath, lease.Target, dumpDate,
                $"a file {rawPath} to restore", entry is null ? "no such entry in the backup" : "a directory of that name",
                lease.Session.Transcript.Tail());
        return await RestoreAsync(lease, [rawPath], dumpDate, null, cancellationToken);
    }

    private static async Task<RestoredFiles> RestoreAsync(SessionLease lease, IReadOnlyList<RawPath> files,
        DumpDate? dumpDate, int? seed, CancellationToken cancellationToken)
    {
        var area = RestoreArea.Create();
        try
        {
            var report = await Guard.AmandaAsync(lease, dumpDate, $"to restore {Guard.Plural(files.Count, "file")}",
                () => new Restorer(lease.Session, lease.Target.Disk).RestoreAsync(files, area, cancellationToken));
            RequireAllRestored(lease.Target, files, area, dumpDate, report.Extract.Output, lease.Session.Transcript.Tail());
            return new RestoredFiles(lease.Target, dumpDate, seed, files, area);
        }
        catch
        {
            await area.DisposeAsync();
            throw;
        }
    }

    /// <summary>Checked positively: every file asked for is a regular file in the area now. amrecover's prompt comes
    /// back after a failed extract too, and its words for failure are not all known.</summary>
    public static void RequireAllRestored(BackupTarget target, IReadOnlyList<RawPath> files, RestoreArea area, DumpDate? dumpDate,
        string extractOutput, string transcriptTail)
    {
        var missing = new List<string>();
        foreach (var file in files)
        {
            try
            {
                using var _ = RawFiles.OpenRead(area.PathOf(file));
            }
            catch (IOException absent)
            {
                missing.Add($"{file} ({absent.Message})");
            }
        }
        if (missing.Count > 0)
            throw new ExpectationFailedException(FailureCategory.RestoreMismatch, target, dumpDate,
                $"{Guard.Plural(files.Count, "file")} restored into the private area",
                $"{missing.Count} not restored: {string.Join("; ", missing)}; extract said: \"{Shorten(extractOutput)}\"", transcriptTail);
    }

    /// <summary>Every restored file against the live one (host must be this machine). A file changed after the dump,
    /// or whose live copy is gone, is skipped and listed; at least one must be compared.</summary>
    public static async Task<RestoreComparison> RequireMatchesLiveAsync(RestoredFiles restored, string transcriptTail,
        CancellationToken cancellationToken)
    {
        LiveComparisonCheck.RequireLocal(restored.Target, "live files to compare with");
        var dumpedAt = restored.DumpDate is { } date ? DateTime.SpecifyKind(date.Value, DateTimeKind.Local).ToUniversalTime() : DateTime.MaxValue;
        var report = new List<string>();
        var mismatches = new List<string>();
        foreach (var file in restored.Files)
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
            throw new ExpectationFailedException(FailureCategory.RestoreMismatch, restored.Target, restored.DumpDate,
                "at least one restored file to compare with its live file",
                $"none could be compared ({Guard.Plural(report.Count, "file")} skipped): {string.Join("; ", report)}", transcriptTail);
        if (mismatches.Count > 0)
            throw new ExpectationFailedException(FailureCategory.RestoreMismatch, restored.Target, restored.DumpDate,
                "every restored file unchanged since the dump to have the live file's SHA-256",
                $"{Guard.Plural(mismatches.Count, "mismatch", "mismatches")}: {string.Join("; ", mismatches)}" +
                (restored.Seed is { } seed ? $" (seed {seed})" : ""), transcriptTail);
        return new RestoreComparison(report, compared);
    }

    public static async Task RequireContentMatchesAsync(RestoredFiles restored, string pattern, string transcriptTail,
        CancellationToken cancellationToken)
    {
        var file = restored.Files.Single();
        string content;
        try
        {
            await using var stream = RawFiles.OpenRead(restored.Area.PathOf(file));
            using var reader = new StreamReader(stream, Encoding.UTF8);
            content = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (IOException missing)
        {
            throw NotRestored(restored, file, missing, transcriptTail);
        }
        if (!Regex.IsMatch(content, pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(5)))
            throw new ExpectationFailedException(FailureCategory.RestoreMismatch, restored.Target, restored.DumpDate,
                $"{file} to match /{pattern}/", $"\"{Shorten(content)}\"", transcriptTail);
    }

    public static void RequireRestoredNoOlderThan(RestoredFiles restored, TimeSpan maximumAge, DateTime utcNow, string transcriptTail)
    {
        var file = restored.Files.Single();
        DateTime modified;
        try
        {
            modified = RawFiles.LastWriteTimeUtc(restored.Area.PathOf(file));
        }
        catch (IOException missing)
        {
            throw NotRestored(restored, file, missing, transcriptTail);
        }
        if (utcNow - modified > maximumAge)
            throw new ExpectationFailedException(FailureCategory.StaleBackup, restored.Target, restored.DumpDate,
                $"the restored {file} to be no older than {maximumAge.TotalHours:0.#} hours",
                $"it was last written {modified:u}, {(utcNow - modified).TotalHours:0.#} hours ago", transcriptTail);
    }

    private static ExpectationFailedException NotRestored(RestoredFiles restored, RawPath file, IOException missing, string transcriptTail) =>
        new(FailureCategory.RestoreMismatch, restored.Target, restored.DumpDate, $"{file} in the restore area",
            $"it was not restored ({missing.Message})", transcriptTail, missing);

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 120 ? line : line[..120] + "…";
    }
}
