using BackupAcceptance.Expectations.Checks;
using Reqnroll;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>What the backup's index holds, through amrecover's own listings.</summary>
public sealed partial class BackupDriver
{
    public async Task RequireFilesAsync(int minimum)
    {
        if (OnRepository)
        {
            await RepositoryFilesAsync(minimum);
            return;
        }
        var summary = await OnDiskAsync((lease, cancellation) => FileCountCheck.RequireFilesAsync(lease, minimum, cancellation));
        checks.Record(summary.Files, "files");
        if (summary.Complete) measurements.Files(RequireTarget(), summary.DumpDate, summary.Files);
        else measurements.Dump(RequireTarget(), summary.DumpDate);
        output.WriteLine($"{Target} (dump {summary.DumpDate}): {summary.Describe()}");
    }

    public async Task RequirePathsAsync(DataTable table)
    {
        if (OnRepository)
        {
            await RepositoryPathsAsync(table);
            return;
        }
        var found = await VerdictAsync(async () =>
        {
            var paths = PathTable.Paths(RequireTarget(), table);
            PathCheck.RequireCheckablePaths(RequireTarget(), paths); // before any amrecover command
            return await PathCheck.RequirePathsAsync(await SessionAsync(), paths, Cancellation);
        });
        checks.Record(found, "paths");
        output.WriteLine($"{Target}: all {found} paths present");
    }

    public async Task RequireFilesBelowAsync(string directory)
    {
        if (OnRepository)
        {
            await RepositoryFilesBelowAsync(directory);
            return;
        }
        var summary = await OnDiskAsync((lease, cancellation) => PathCheck.RequireFilesBelowAsync(lease, directory, cancellation));
        checks.Record(summary.Files, $"file(s) below {directory}");
    }

    public async Task RequireCountWithinPreviousAsync(int percent)
    {
        if (OnRepository)
        {
            await RepositoryCountWithinPreviousAsync(percent);
            return;
        }
        var change = await OnDiskAsync((lease, cancellation) => DumpComparisonCheck.RequireCountWithinPreviousAsync(lease, percent, cancellation));
        checks.Record(change.Count, "files");
        output.WriteLine($"{Target}: {change.Count} files against {change.Reference} in the previous dump ({change})");
    }

    public async Task RequireCountWithinLiveAsync(int percent)
    {
        if (OnRepository)
        {
            await RepositoryCountWithinLiveAsync(percent);
            return;
        }
        var (change, how) = await OnDiskAsync((lease, cancellation) => LiveComparisonCheck.RequireCountWithinLiveAsync(lease, percent, cancellation));
        checks.Record(change.Count, "files");
        output.WriteLine($"{Target}: {change.Count} files against {change.Reference} live ({change}; {how})");
    }

    public async Task RequireDifferentFromPreviousAsync()
    {
        if (OnRepository)
        {
            await RepositoryDifferentFromPreviousAsync();
            return;
        }
        var paths = await OnDiskAsync(DumpComparisonCheck.RequireDifferentFromPreviousAsync);
        checks.Record(paths, "paths in two dumps");
    }
}
