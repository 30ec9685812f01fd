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
        if (driver.OnRepository)
        {
            if (PathTable.HeaderProblem(table) is { } problem) throw driver.SuiteFailure(FailureCategory.SuiteDefect, PathTable.Expected, problem);
            var paths = PathTable.Rows(table);
            if (paths.Count == 0) throw driver.SuiteFailure(FailureCategory.NothingChecked, "at least one path to look up", "a table without path rows");
            checks.Record(await driver.OnRepositoryAsync((view, cancellation) => ContentRules.RequirePathsAsync(view, paths, cancellation)), "paths");
            return;
        }
        var found = await driver.VerdictAsync(async () =>
        {
            var paths = PathTable.Paths(driver.RequireTarget(), table);
            PathCheck.RequireCheckablePaths(driver.RequireTarget(), paths); // before any amrecover command
            return await PathCheck.RequirePathsAsync(await driver.SessionAsync(), paths, driver.Cancellation);
        });
        checks.Record(found, "paths");
        output.WriteLine($"{driver.Target}: all {found} paths present");
    }

    public async Task RequireFilesBelowAsync(string directory)
    {
        if (driver.OnRepository)
        {
            checks.Record(await driver.OnRepositoryAsync((view, cancellation) => ContentRules.RequireFilesBelowAsync(view, directory, cancellation)),
                $"file(s) below {directory}");
            return;
        }
        var summary = await driver.OnDiskAsync((lease, cancellation) => PathCheck.RequireFilesBelowAsync(lease, directory, cancellation));
        checks.Record(summary.Files, $"file(s) below {directory}");
    }

    public async Task RequireCountWithinPreviousAsync(int percent)
    {
        var counted = await driver.OnBackupAsync((view, cancellation) => CountRules.RequireWithinPreviousAsync(view, percent, cancellation));
        checks.Record(counted.Count, "files");
        output.WriteLine($"{driver.Subject}: {counted.Count} files against {counted.Reference} in the previous {(driver.OnRepository ? "snapshot" : "dump")} ({counted})");
    }

    public async Task RequireCountWithinLiveAsync(int percent)
    {
        if (driver.OnRepository)
        {
            var live = driver.RequireLiveHere();
            var counted = await driver.OnRepositoryAsync((view, cancellation) => CountRules.RequireWithinLiveAsync(view, live, percent, cancellation));
            checks.Record(counted.Count, "files");
            output.WriteLine($"{driver.Repository}: {counted.Count} files against {counted.Reference} live ({counted})");
            return;
        }
        var (change, how) = await driver.OnDiskAsync((lease, cancellation) => LiveComparisonCheck.RequireCountWithinLiveAsync(lease, percent, cancellation));
        checks.Record(change.Count, "files");
        output.WriteLine($"{driver.Target}: {change.Count} files against {change.Reference} live ({change}; {how})");
    }

    public async Task RequireDifferentFromPreviousAsync()
    {
        if (driver.OnRepository)
        {
            checks.Record(await driver.OnRepositoryAsync(ChangeRule.RequireDifferentFromPreviousAsync), "entries in two snapshots");
            return;
        }
        checks.Record(await driver.OnDiskAsync(DumpComparisonCheck.RequireDifferentFromPreviousAsync), "paths in two dumps");
    }
}
