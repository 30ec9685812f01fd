using System.Globalization;
using System.Text;

namespace BackupAcceptance.Baseline;

/// <summary>
/// Writes the baseline as Gherkin: one scenario per disk, sorted, every number explained by a comment, nothing that
/// changes from one run to the next (no time of writing), so a second baseline of the same dumps is byte-identical.
/// What the dumps already break is written anyway, with a warning: a baseline states what should hold, it never
/// blesses an empty backup or a count drop it found.
/// </summary>
public static class FeatureWriter
{
    /// <param name="now">When the dumps were read: a latest dump already older than the bound is warned of.</param>
    public static (string Text, IReadOnlyList<string> Warnings) Write(BaselineRequest request, DumpSchedule schedule, IReadOnlyList<DiskFacts> disks,
        DateTime now)
    {
        var warnings = new List<string>();
        var text = new StringBuilder();
        var scope = request.Host is null ? "every host" : $"host {request.Host}";
        text.AppendLine(CultureInfo.InvariantCulture, $"# Baseline of Amanda configuration {request.Config} ({scope}), written by ./run.sh baseline from its dumps.");
        text.AppendLine(CultureInfo.InvariantCulture, $"# {schedule.Describe()} (amgetconf, {DumpSchedule.GraceHours} h grace).");
        text.AppendLine(CultureInfo.InvariantCulture, $"# Counts: at least {request.KeepPercent}% of each dump's files; within {request.DriftPercent}% of the previous dump; the first {request.Paths} top-level paths.");
        text.AppendLine("# Edit freely. A baseline of the same dumps writes the same file; it never overwrites one without --force.");
        text.AppendLine(CultureInfo.InvariantCulture, $"@baseline @config:{Tag(request.Config)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Feature: Baseline of {request.Config}");
        foreach (var disk in disks)
        {
            text.AppendLine();
            var name = $"{disk.Target.Host} {disk.Target.Disk}";
            if (disk.Target.Disk.Contains('"', StringComparison.Ordinal))
            {
                // The Given step quotes a disk with spaces; a disk with a double quote in its name cannot be written.
                warnings.Add($"{name}: NOT CHECKED: a disk name with a double quote cannot be written in a Given step");
                text.AppendLine(CultureInfo.InvariantCulture, $"  # NOT CHECKED: {Comment(name)}: a disk name with a double quote cannot be written in a Given step");
                continue;
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"  @host:{Tag(disk.Target.Host)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  Scenario: {name}");
            if (disk.Unreadable is { } reason)
            {
                // Still a scenario, failing until the disk is mended: a commented line would be a silent gap each night.
                var warning = $"its dumps could not be read: {Comment(reason)}";
                warnings.Add($"{name}: {warning}; its scenario fails until they can");
                text.AppendLine(CultureInfo.InvariantCulture, $"    # WARNING: {warning}");
                text.AppendLine(CultureInfo.InvariantCulture, $"    Given {Given(disk)}");
                text.AppendLine("    Then the disk has a dump");
                text.AppendLine(CultureInfo.InvariantCulture, $"    And the latest dump is no older than {schedule.LatestDumpHours} hours");
                text.AppendLine("    And the backup contains at least one file");
                continue;
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"    Given {Given(disk)}");
            if (disk.Latest is { } latest && latest.AgeAt(now) > TimeSpan.FromHours(schedule.LatestDumpHours))
            {
                var warning = Invariant($"the latest dump ({latest}) is already {latest.AgeAt(now).TotalHours:0} hours old");
                warnings.Add($"{name}: {warning}; its scenario fails until a fresh dump");
                text.AppendLine(CultureInfo.InvariantCulture, $"    # WARNING: {warning}");
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"    Then the latest dump is no older than {schedule.LatestDumpHours} hours");
            text.AppendLine(CultureInfo.InvariantCulture, $"    And a level 0 dump is no older than {schedule.FullDumpDays} days");
            if (disk.Files == 0)
            {
                var warning = Invariant($"the dump of {disk.Latest} holds no file ({Plural(disk.Directories, "directory", "directories")}): a baseline never blesses an empty backup");
                warnings.Add($"{name}: {warning}; its scenario fails until it holds files");
                text.AppendLine(CultureInfo.InvariantCulture, $"    # WARNING: {warning}");
                text.AppendLine("    And the backup contains at least one file");
            }
            else
            {
                var least = Math.Max(1, (int)((long)disk.Files * request.KeepPercent / 100));
                text.AppendLine(CultureInfo.InvariantCulture, $"    # {request.KeepPercent}% of the {disk.Files:N0} files in the dump of {disk.Latest}");
                text.AppendLine(CultureInfo.InvariantCulture, $"    And the backup contains at least {least} {(least == 1 ? "file" : "files")}");
                WriteDrift(text, warnings, name, disk, request.DriftPercent);
            }
            WritePaths(text, disk, request.Paths);
        }
        if (request.Host is null)
        {
            // The whole estate, so a disk added to the disklist after this baseline is checked too.
            text.AppendLine();
            text.AppendLine("  @estate");
            text.AppendLine(CultureInfo.InvariantCulture, $"  Scenario: every disk of {request.Config}");
            if (warnings.Count > 0)
                text.AppendLine(CultureInfo.InvariantCulture, $"    # WARNING: {warnings.Count} warning(s) above: this scenario fails until they are mended");
            text.AppendLine(CultureInfo.InvariantCulture, $"    Given every disk of {request.Config} config");
            text.AppendLine(CultureInfo.InvariantCulture, $"    Then every disk has a dump no older than {schedule.LatestDumpHours} hours with at least 1 file");
        }
        return (text.ToString(), warnings);
    }

    private static void WriteDrift(StringBuilder text, List<string> warnings, string name, DiskFacts disk, int percent)
    {
        if (disk.Previous is not { } previous) return; // the first dump: nothing to compare with yet
        if (previous.Files is not { } before)
        {
            var warning = $"the previous dump ({previous.Date}) could not be counted: {previous.Unreadable}";
            warnings.Add($"{name}: {Comment(warning)}; its scenario fails until that dump is readable or expires");
            text.AppendLine(CultureInfo.InvariantCulture, $"    # WARNING: {Comment(warning)}");
        }
        else
        {
            var change = before == 0 ? double.PositiveInfinity : Math.Abs(disk.Files - before) * 100.0 / before;
            text.AppendLine(CultureInfo.InvariantCulture, $"    # the dump before, of {previous.Date}, held {before:N0} files");
            if (change > percent)
            {
                var warning = Invariant($"{disk.Files:N0} files against {before:N0} in the dump before ({previous.Date}): already more than {percent}% apart");
                warnings.Add($"{name}: {warning}; its scenario fails until the next dump is within it");
                text.AppendLine(CultureInfo.InvariantCulture, $"    # WARNING: {warning}");
            }
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"    And the file count is within {percent}% of the previous dump");
    }

    private static void WritePaths(StringBuilder text, DiskFacts disk, int count)
    {
        var paths = disk.TopLevel.Take(count).ToList();
        if (paths.Count == 0) return;
        text.AppendLine("    And the backup contains these paths:");
        var width = Math.Max("path".Length, paths.Max(p => p.Length));
        text.AppendLine(CultureInfo.InvariantCulture, $"      | {"path".PadRight(width)} |");
        foreach (var path in paths) text.AppendLine(CultureInfo.InvariantCulture, $"      | {path.PadRight(width)} |");
    }

    /// <summary>"ba-daily config for localhost /etc", the disk quoted when it holds a space (the step's own rule).</summary>
    private static string Given(DiskFacts disk) =>
        $"{disk.Target.Config} config for {disk.Target.Host} {(disk.Target.Disk.Any(char.IsWhiteSpace) ? $"\"{disk.Target.Disk}\"" : disk.Target.Disk)}";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Tags cannot hold spaces; anything outside letters, digits and ._- becomes _.</summary>
    private static string Tag(string value) =>
        new(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray());

    private static string Comment(string value) => value.ReplaceLineEndings(" ");

    private static string Plural(int count, string one, string many) => $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";
}
