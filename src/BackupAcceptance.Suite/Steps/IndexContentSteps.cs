using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Suite.Support;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Expectations on what the backup's index holds, checked through amrecover's own listings.</summary>
[Binding]
[StepLayer(3, "Index content")]
public sealed class IndexContentSteps(BackupContext backup, IReqnrollOutputHelper output)
{
    [Then("the backup contains at least one file")]
    [StepExample("Then the backup contains at least one file", "The hollow-backup detector: directories never count. Stops at the first file.")]
    public Task ThenTheBackupContainsAtLeastOneFile() => ThenTheBackupContainsAtLeast(1);

    [Then("the backup contains at least {int} file(s)")]
    [StepExample("Then the backup contains at least 200 files", "At least that many files (directories never count); stops when reached.")]
    public async Task ThenTheBackupContainsAtLeast(int files)
    {
        var summary = await Verdict.CheckAsync(backup, async () =>
            await FileCountCheck.RequireFilesAsync(await backup.SessionAsync(CancellationToken.None), files, CancellationToken.None));
        output.WriteLine($"{backup.Target} (dump {summary.DumpDate}): {summary.Describe()}");
    }

    [Then("the backup contains these paths:")]
    [StepExample("Then the backup contains these paths:\n  | path            |\n  | passwd          |\n  | ssh/            |", "Every path of the table (relative to the disk; a trailing / asks for a directory); all missing ones are listed.")]
    public async Task ThenTheBackupContainsThesePaths(DataTable paths)
    {
        var list = paths.Rows.Select(r => r[0]).ToList();
        await Verdict.CheckAsync(backup, async () =>
        {
            await PathCheck.RequirePathsAsync(await backup.SessionAsync(CancellationToken.None), list, CancellationToken.None);
        });
        output.WriteLine($"{backup.Target}: all {list.Count} paths present");
    }

    [Then("the directory {string} is not empty")]
    [StepExample("Then the directory \"ssh\" is not empty", "The directory exists in the backup and holds at least one entry.")]
    public async Task ThenTheDirectoryIsNotEmpty(string directory) =>
        await Verdict.CheckAsync(backup, async () =>
        {
            await PathCheck.RequireNonEmptyDirectoryAsync(await backup.SessionAsync(CancellationToken.None), directory, CancellationToken.None);
        });

    [Then("the file count is within {int}% of the previous dump")]
    [StepExample("Then the file count is within 10% of the previous dump", "Walks this dump and the one before it (setdate); a bigger change is a count drop.")]
    public async Task ThenTheFileCountIsWithinOfThePreviousDump(int percent) =>
        await Verdict.CheckAsync(backup, async () =>
        {
            await DumpComparisonCheck.RequireCountWithinPreviousAsync(await backup.SessionAsync(CancellationToken.None), percent, CancellationToken.None);
        });

    [Then("the file count is within {int}% of the live directory")]
    [StepExample("Then the file count is within 5% of the live directory", "Only when the host is this machine: backup file count against `find` on the disk now.")]
    public async Task ThenTheFileCountIsWithinOfTheLiveDirectory(int percent) =>
        await Verdict.CheckAsync(backup, async () =>
        {
            await LiveComparisonCheck.RequireCountWithinLiveAsync(await backup.SessionAsync(CancellationToken.None), percent, CancellationToken.None);
        });

    [Then("the backup differs from the previous dump")]
    [StepExample("Then the backup differs from the previous dump", "Stale detection: the same paths as the dump before is a stale backup (amrecover shows no sizes).")]
    public async Task ThenTheBackupDiffersFromThePreviousDump() =>
        await Verdict.CheckAsync(backup, async () =>
        {
            await DumpComparisonCheck.RequireDifferentFromPreviousAsync(await backup.SessionAsync(CancellationToken.None), CancellationToken.None);
        });
}
