using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Files;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Live;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Restored files against the live ones they came from (the host must be this machine), by SHA-256, the live side
/// read as the DLE covers it (<see cref="LiveTree"/>: its device, exclude and include lists). A live file whose mtime or
/// ctime is after the dump changed since: not compared, and listed. A file the DLE excludes is listed, never compared.
/// After a whole-disk restore the other direction counts too: a live file unchanged since before the dump, covered by
/// the DLE and absent from the restore is a mismatch, unless a directory above it changed since (a rename moves files
/// without touching their own times). Not judged here: the core's rules do (RestoreRules, WholeRestoreRules).
/// </summary>
public static class LiveFileComparison
{
    /// <summary>The comparison, not yet judged: what matched, what did not, and what was not compared and why.</summary>
    public static async Task<RestoreComparison> CompareAsync(RestoredFiles restored, string transcriptTail, CancellationToken cancellationToken)
    {
        var live = await LiveComparisonCheck.ReadLiveAsync(restored.Target, restored.DumpDate, "live files to compare with", cancellationToken);
        if (restored.DumpDate is not { } dump)
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, restored.Target, null,
                "the dump's date, to know which live files changed since", "the restore named no dump", transcriptTail);
        var liveFiles = live.Files.ToDictionary(e => e.Path);
        var excluded = live.Excluded.Select(e => e.Path).ToHashSet();
        var report = new List<string>();
        var matches = new List<string>();
        var mismatches = new List<string>();
        var compared = 0;
        var changed = 0;
        // A whole disk's links, FIFOs and devices are listed as files but hold no bytes to compare.
        foreach (var file in restored.RegularFiles ?? restored.Files)
        {
            if (excluded.Contains(file))
            {
                report.Add($"excluded by the DLE, not compared: {file}");
                continue;
            }
            if (!liveFiles.TryGetValue(file, out var entry))
            {
                report.Add($"skipped {file}: no live file to compare (gone since the dump)");
                continue;
            }
            if (LiveChanges.Of(entry, dump) == LiveChange.ChangedSinceDump)
            {
                report.Add($"changed since the dump, not compared: {file} (mtime {entry.ModifiedUtc:u}, ctime {entry.ChangedUtc:u})");
                changed++;
                continue;
            }
            // Chosen files are every entry drawn, links too (amrecover lists them as files): a link holds no bytes to
            // compare, unless the live file is a regular file unchanged since the dump (then it came back wrong).
            if (restored.RegularFiles is null && RestoredKind(restored, file) is { } kind)
            {
                if (entry.IsRegularFile) mismatches.Add($"{file}: live a regular file unchanged since the dump, restored as {kind}");
                else report.Add($"restored as a link or special file, as it is live, not compared: {file}");
                compared += entry.IsRegularFile ? 1 : 0;
                continue;
            }
            var comparison = await FileComparison.CompareAsync(live.PathOf(entry), restored.Area.PathOf(file), cancellationToken);
            compared++;
            if (comparison.Matches) matches.Add($"{file} {comparison.LiveSha256}");
            else mismatches.Add($"{file}: live sha256 {comparison.LiveSha256 ?? "?"} ({Size(live.PathOf(entry))}), " +
                                $"restored sha256 {comparison.RestoredSha256 ?? "?"} ({Size(restored.Area.PathOf(file))})" +
                                (comparison.Problem is { } p ? $" ({p})" : ""));
        }
        if (restored.IsWholeDisk)
        {
            var (present, changedSince) = await CompareAbsencesAsync(restored, live, dump, report, mismatches, cancellationToken);
            (compared, changed) = (compared + present, changed + changedSince);
        }
        if (live.Excluded.Count > 0)
            report.Add($"{Plural.Of(live.Excluded.Count, "live file")} excluded by the DLE, not compared: " +
                       string.Join(", ", ListDigest.Capped(live.Excluded.Select(e => e.Path.ToString()).Order(StringComparer.Ordinal), 50, "excluded")));
        var header = new List<string> { $"live side: {LiveComparisonCheck.Describe(live)}" };
        var unlike = restored.Files.Count - (restored.RegularFiles ?? restored.Files).Count;
        if (unlike > 0) header.Add($"{Plural.Of(unlike, "listed entry", "listed entries")} not regular files (links, FIFOs, devices): restored, not compared");
        header.Add($"compared {Plural.Of(compared, "file")}; {changed} changed since the dump and {live.Excluded.Count} excluded by the DLE, not compared");
        return new RestoreComparison(header, matches, mismatches, report, compared);
    }

    /// <summary>Null for a restored regular file, else what it was restored as.</summary>
    private static string? RestoredKind(RestoredFiles restored, RawPath file)
    {
        try
        {
            var facts = FileFacts.OfPath(restored.Area.PathOf(file));
            return facts.IsRegular ? null : facts.IsDirectory ? "a directory" : "a link or special file";
        }
        catch (IOException gone)
        {
            return $"nothing readable ({gone.Message})";
        }
    }

    /// <summary>A mismatching file's size, for the report ("12 bytes", or why it could not be read).</summary>
    private static string Size(byte[] path)
    {
        try
        {
            using var file = RawFiles.OpenRead(path);
            return $"{file.Length} bytes";
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return "size unknown: " + unreadable.Message;
        }
    }

    /// <returns>How many live files were checked for presence in the restore, and how many were new or changed since.</returns>
    private static async Task<(int Checked, int Changed)> CompareAbsencesAsync(RestoredFiles restored, LiveTree live, Amanda.Listing.DumpDate dump,
        List<string> report, List<string> mismatches, CancellationToken cancellationToken)
    {
        var inArea = await FullRestoreCheck.EntriesAsync(restored.Area, regularOnly: false, cancellationToken);
        var movedSince = live.Directories.Where(d => LiveChanges.Of(d, dump) == LiveChange.ChangedSinceDump).Select(d => d.Path).ToHashSet();
        // Read as the DLE is defined now: if its definition changed since, a file may have been excluded at the dump.
        var redefined = live.Entry is { } dle
            ? DleDefinition.ChangedSince(restored.Target.Config, dle, LiveChanges.DumpedAtUtc(dump))
            : [];
        var (checkedFiles, changedFiles) = (0, 0);
        foreach (var entry in live.Files)
        {
            if (inArea.Contains(FullRestoreCheck.Key(entry.Path))) continue;
            if (LiveChanges.Of(entry, dump) == LiveChange.ChangedSinceDump)
            {
                report.Add($"new or changed since the dump, not compared: {entry.Path}");
                changedFiles++;
            }
            else if (Ancestors(entry.Path).FirstOrDefault(movedSince.Contains) is { } directory)
                report.Add($"not compared: {entry.Path} (the directory {directory} changed since the dump, it may have been moved there)");
            else if (redefined.Count > 0)
                report.Add($"not compared: {entry.Path} is not in the restore, but the DLE's definition changed since the dump " +
                           $"({string.Join(", ", redefined)}): it may have been excluded then");
            else
            {
                checkedFiles++;
                mismatches.Add($"{entry.Path}: a live file older than the dump, covered by the DLE, is absent from the restore");
            }
        }
        return (checkedFiles, changedFiles);
    }

    private static IEnumerable<RawPath> Ancestors(RawPath path)
    {
        for (var count = path.Components.Count - 1; count >= 1; count--) yield return path.Prefix(count);
    }
}
