using BackupAcceptance.Suite.Drivers;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Expectations on what the backup's index holds, checked through amrecover's own listings.</summary>
[Binding]
[StepLayer(3, "Index content")]
public sealed class IndexContentSteps(IndexContentDriver driver)
{
    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the backup contains at least one file")]
    [StepView(DumpView.Listing)]
    [StepExample("Then the backup contains at least one file", "The hollow-backup detector: directories never count. Stops at the first file.",
        "Whether the files restore (use a restore step), or anything below directories amrecover 3.5.1 cannot enter (reported).")]
    public Task ThenTheBackupContainsAtLeastOneFile() => driver.RequireFilesAsync(1);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the backup contains at least {int} file(s)")]
    [StepView(DumpView.Listing)]
    [StepExample("Then the backup contains at least 200 files", "At least that many files (directories never count); stops when reached. From 1 to 1,000,000,000.",
        "How many more there are once the number is reached; file sizes (amrecover shows none).")]
    public Task ThenTheBackupContainsAtLeast(int files) => driver.RequireFilesAsync(files);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the backup contains these paths:")]
    [StepView(DumpView.Listing)]
    [StepExample("Then the backup contains these paths:\n  | path            |\n  | passwd          |\n  | ssh/            |",
        "Every path of the table (relative to the disk; a trailing / asks for a directory); all missing ones are listed. The header row | path | is required, and at least one path.",
        "What the paths hold: a listed file may be empty, a listed directory may hold nothing (use 'is not empty').")]
    public Task ThenTheBackupContainsThesePaths(DataTable paths) => driver.RequirePathsAsync(paths);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the directory {string} is not empty")]
    [StepView(DumpView.Listing)]
    [StepExample("Then the directory \"ssh\" is not empty", "The directory exists in the backup and holds at least one file somewhere below it: empty subdirectories never count. Stops at the first file.",
        "How many files it holds.")]
    public Task ThenTheDirectoryIsNotEmpty(string directory) => driver.RequireFilesBelowAsync(directory);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the file count is within {int}% of the previous dump")]
    [StepView(DumpView.RestoreState)]
    [StepExample("Then the file count is within 10% of the previous dump", "Counts the state a restore of this dump gives and that of the dump before it (setdate; an incremental's own directory records, so names deleted before it are not counted); a bigger change is a count drop, exactly the percentage still passes. A dump without files fails as hollow.",
        "Which files changed (only the counts are compared), or file sizes.")]
    public Task ThenTheFileCountIsWithinOfThePreviousDump(int percent) => driver.RequireCountWithinPreviousAsync(percent);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the file count is within {int}% of the live directory")]
    [StepView(DumpView.RestoreState)]
    [StepExample("Then the file count is within 5% of the live directory", "Only when the host is this machine: the file count of the state a restore gives against the live files the DLE covers now (its device, exclude and include lists, applied by GNU tar; a tree that cannot be read whole fails the check as a suite defect). A dump without files fails as hollow.",
        "Which files differ, or files changed since the dump.")]
    public Task ThenTheFileCountIsWithinOfTheLiveDirectory(int percent) => driver.RequireCountWithinLiveAsync(percent);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the backup differs from the previous dump")]
    [StepView(DumpView.RestoreState)]
    [StepExample("Then the backup differs from the previous dump", "Stale detection: the same paths in the state each restore gives as the dump before is a stale backup (a level 1 that recorded deletions differs). A previous dump whose index cannot be read fails as an index damage.",
        "Content changed under the same names in a level 0 (its listing shows no sizes or times); an incremental that recorded the same names still differs when a file it wrote changed after the previous dump (its tar headers' mtime and ctime).")]
    public Task ThenTheBackupDiffersFromThePreviousDump() => driver.RequireDifferentFromPreviousAsync();
}
