using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Suite.Support;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Existence and freshness, from the disk's dump history.</summary>
[Binding]
[StepLayer(2, "Existence and freshness")]
public sealed class FreshnessSteps(BackupContext backup, CheckLedger checks, IReqnrollOutputHelper output)
{
    [Then("the disk has a dump")]
    [StepExample("Then the disk has a dump", "At least one dump exists (\"500 No dumps available\" fails as a stale backup).",
        "That the dump holds anything (use 'contains at least one file').")]
    public async Task ThenTheDiskHasADump()
    {
        var dump = await Verdict.CheckAsync(backup, async () =>
            await FreshnessCheck.RequireDumpAsync(await backup.SessionAsync(CancellationToken.None), CancellationToken.None));
        checks.Record(1, "dump");
        output.WriteLine($"{backup.Target}: latest dump {dump.Date} (level {dump.Level}, {dump.Storage}:{dump.Label})");
    }

    [Then("the latest dump is no older than {int} hours")]
    [StepExample("Then the latest dump is no older than 26 hours", "The newest dump in the history is at most that old (exactly that old passes).",
        "That the dump holds anything, or that it finished well (amreport tells that).")]
    public async Task ThenTheLatestDumpIsNoOlderThan(int hours)
    {
        var dump = await Verdict.CheckAsync(backup, async () => await FreshnessCheck.RequireLatestNoOlderThanAsync(
            await backup.SessionAsync(CancellationToken.None), TimeSpan.FromHours(hours), DateTime.Now, CancellationToken.None));
        checks.Record(1, "dump");
        output.WriteLine($"{backup.Target}: latest dump {dump.Date}");
    }

    [Then("a level 0 dump is no older than {int} days")]
    [StepExample("Then a level 0 dump is no older than 8 days", "A full dump exists within that many days (exactly that old passes).",
        "That the incremental dumps since then exist.")]
    public async Task ThenALevel0DumpIsNoOlderThan(int days)
    {
        var dump = await Verdict.CheckAsync(backup, async () => await FreshnessCheck.RequireFullDumpNoOlderThanAsync(
            await backup.SessionAsync(CancellationToken.None), TimeSpan.FromDays(days), DateTime.Now, CancellationToken.None));
        checks.Record(1, "dump");
        output.WriteLine($"{backup.Target}: newest level 0 dump {dump.Date}");
    }
}
