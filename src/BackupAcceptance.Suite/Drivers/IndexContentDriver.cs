using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Suite.Reporting;
using Reqnroll;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>What the backup holds, by its listings: files, paths, non-empty directories, counts against the previous
/// backup and the live tree, change since the previous backup. Amanda's checks through amrecover; a restic repository's
/// through the core's rules.</summary>
public sealed class IndexContentDriver(BackupDriver driver, CheckLedger checks, IReqnrollOutputHelper output, DiskMeasurements measurements,
    ScenarioReport report)
{
    public async Task RequireFilesAsync(int minimum)
    {
        if (driver.OnRepository)
        {
            var tree = await driver.OnRepositoryAsync((view, cancellation) => ContentRules.RequireFilesAsync(view, minimum, cancellation));
            checks.Record(tree.Files, "files");
            output.WriteLine($"{driver.Repository} ({driver.ChosenSnapshot}): {tree.Files} files in {tree.Directories} directories");
            // The whole tree was counted: a point of the count history and of the estate page, as an Amanda walk is.
            if (driver.RepositoryColumns is var (config, host, path) && driver.ChosenSnapshot is { } snapshot)
                report.RecordTreeCount(new CountPoint(config, host, path, BackupDriver.HistoryDump(snapshot), tree.Files, tree.Directories, DateTimeOffset.UtcNow));
            return;
        }
        var summary = await driver.OnDiskAsync((lease, cancellation) => FileCountCheck.RequireFilesAsync(lease, minimum, cancellation));
        checks.Record(summary.Files, "files");
        if (summary.Complete) measurements.Files(driver.RequireTarget(), summary.DumpDate, summary.Files);
        else measurements.Dump(driver.RequireTarget(), summary.DumpDate);
        output.WriteLine($"{driver.Target} (dump {summary.DumpDate}): {summary.Describe()}");
    }

    public async Task RequirePathsAsync(DataTable table)
    {
        if (PathTable.HeaderProblem(table) is { } problem) throw driver.SuiteFailure(FailureCategory.SuiteDefect, PathTable.Expected, problem);
        var paths = PathTable.Rows(table);
        // Before any session or repository is opened: a table that checks nothing is the feature's fault, whatever the backup.
        if (ContentRules.PathsProblem(paths) is var (category, expected, found)) throw driver.SuiteFailure(category, expected, found);
        var present = await driver.OnBackupAsync((view, cancellation) => ContentRules.RequirePathsAsync(view, paths, cancellation));
        checks.Record(present, "paths");
        output.WriteLine($"{driver.Subject}: all {present} paths present");
    }

    public async Task RequireFilesBelowAsync(string directory)
    {
        var below = await driver.OnBackupAsync((view, cancellation) => ContentRules.RequireFilesBelowAsync(view, directory, cancellation));
        checks.Record(below.Files, $"file(s) below {directory}");
    }

    public async Task RequireCountWithinPreviousAsync(int percent)
    {
        var counted = await driver.OnBackupAsync((view, cancellation) => CountRules.RequireWithinPreviousAsync(view, percent, cancellation));
        checks.Record(counted.Count, "files");
        output.WriteLine($"{driver.Subject}: {counted.Count} files against {counted.Reference} in the previous {(driver.OnRepository ? "snapshot" : "dump")} ({counted})");
    }

    public async Task RequireCountWithinLiveAsync(int percent)
    {
        var counted = await driver.OnBackupAsync((view, cancellation) =>
            CountRules.RequireWithinLiveAsync(view, driver.LiveDirectory(view), percent, cancellation));
        checks.Record(counted.Count, "files");
        output.WriteLine($"{driver.Subject}: {counted.Count} files against {counted.Reference} live ({counted})");
    }

    public async Task RequireDifferentFromPreviousAsync() =>
        checks.Record(await driver.OnBackupAsync(ChangeRule.RequireDifferentFromPreviousAsync), driver.OnRepository ? "entries in two snapshots" : "paths in two dumps");
}
