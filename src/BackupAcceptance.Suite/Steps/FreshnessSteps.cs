using BackupAcceptance.Suite.Drivers;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Existence and freshness, from the disk's dump history.</summary>
[Binding]
[StepLayer(2, "Existence and freshness")]
public sealed class FreshnessSteps(FreshnessDriver driver)
{
    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the disk has a dump")]
    [StepView(DumpView.History)]
    [StepExample("Then the disk has a dump", "At least one dump exists (\"500 No dumps available\" fails as a stale backup).",
        "That the dump holds anything (use 'contains at least one file').")]
    public Task ThenTheDiskHasADump() => driver.RequireDumpAsync();

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the latest dump is no older than {int} hours")]
    [StepView(DumpView.History)]
    [StepExample("Then the latest dump is no older than 26 hours", "The newest dump in the history is at most that old (exactly that old passes).",
        "That the dump holds anything, or that it finished well (amreport tells that).")]
    public Task ThenTheLatestDumpIsNoOlderThan(int hours) => driver.RequireLatestNoOlderThanAsync(hours);

    [Then("a level 0 dump is no older than {int} days")]
    [StepView(DumpView.History)]
    [StepExample("Then a level 0 dump is no older than 8 days", "A full dump exists within that many days (exactly that old passes).",
        "That the incremental dumps since then exist.")]
    public Task ThenALevel0DumpIsNoOlderThan(int days) => driver.RequireFullDumpNoOlderThanAsync(days);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the newest restorable version of {string} is no older than {int} hours")]
    [StepView(DumpView.RecoveryPoint)]
    [StepExample("Then the newest restorable version of \"passwd\" is no older than 26 hours",
        "The recovery point of one path: the dump a restore would take it from (amrecover's listing names it for every entry, across the chain of full and incremental dumps) is at most that old; the report gives that dump, its level and its age. A path in no dump fails as Missing path.",
        "That the copy is whole: restore it (When the file ... is restored) and check it.")]
    public Task ThenTheNewestRestorableVersionIsNoOlderThan(string path, int hours) => driver.RequireRecoveryPointAsync(path, hours);
}
