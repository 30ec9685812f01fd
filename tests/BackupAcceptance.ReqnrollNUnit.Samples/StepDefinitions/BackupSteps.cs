using BackupAcceptance.ReqnrollNUnit.Samples.Support;
using Reqnroll;
using Shouldly;

namespace BackupAcceptance.ReqnrollNUnit.Samples.StepDefinitions;

/// <summary>Steps of the toy backup domain. Block bodies: Shouldly names the checked value from the source line.</summary>
[Binding]
public sealed class BackupSteps(BackupJournal journal)
{
    [Given("an empty backup journal")]
    public void GivenAnEmptyBackupJournal()
    {
        journal.CopiedFiles.ShouldBeEmpty();
    }

    [Given("{int} files exist")]
    public void GivenFilesExist(int count) => journal.ExistingFiles = count;

    [Given("{int} of them have changed")]
    public void GivenSomeHaveChanged(int count) => journal.ChangedFiles = count;

    [When("a full backup runs")]
    public void WhenAFullBackupRuns() => Copy(journal.ExistingFiles);

    [When("an incremental backup runs")]
    public void WhenAnIncrementalBackupRuns() => Copy(journal.ChangedFiles);

    [Then("the journal lists {int} file(s)")]
    public void ThenTheJournalLists(int count)
    {
        journal.CopiedFiles.Count.ShouldBe(count);
    }

    [Given("a backup taken {int} days ago")]
    public void GivenABackupTaken(int days) => journal.BackupAgeInDays = days;

    [When("a retention of {int} days is applied")]
    public void WhenARetentionIsApplied(int days) => journal.Expired = journal.BackupAgeInDays > days;

    [Then("the backup has expired")]
    public void ThenTheBackupHasExpired()
    {
        journal.Expired.ShouldBeTrue();
    }

    [Then("this step fails if it ever runs")]
    public void ThenThisStepFails() => throw new InvalidOperationException("An @ignore scenario was executed.");

    // Deliberately pending: the scenario that uses it must FAIL, not be skipped.
    [When("the catalogue is compacted")]
    public void WhenTheCatalogueIsCompacted() => throw new PendingStepException();

    private void Copy(int count) =>
        journal.CopiedFiles.AddRange(Enumerable.Range(1, count).Select(number => $"file{number}"));
}
