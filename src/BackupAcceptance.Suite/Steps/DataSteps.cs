using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Suite.Support;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>The data layer: real restores into a private temporary directory, compared byte for byte.</summary>
[Binding]
[StepLayer(4, "Data: real restores")]
public sealed class DataSteps(BackupContext backup, CheckLedger checks, IReqnrollOutputHelper output, Evidence evidence)
{
    [When("{int} random files are restored")]
    [StepExample("When 5 random files are restored", "Restores a seeded random sample of the disk's files (seed printed; BACKUP_ACCEPTANCE_SEED replays it), from 1 to 1,000 files; fails unless every one of them is in the restore area afterwards. Checks nothing by itself: follow it with a Then step.")]
    public Task WhenRandomFilesAreRestored(int count) => RestoreRandomAsync(count, null);

    [When("{int} random files are restored with seed {int}")]
    [StepExample("When 5 random files are restored with seed 42", "The same, with a fixed seed.")]
    public Task WhenRandomFilesAreRestoredWithSeed(int count, int seed) => RestoreRandomAsync(count, seed);

    private async Task RestoreRandomAsync(int count, int? seed)
    {
        var chosen = Seeds.Resolve(seed);
        output.WriteLine(Seeds.Replay(chosen));
        backup.Restored = await Verdict.CheckAsync(backup, async () =>
            await RestoreCheck.RestoreRandomFilesAsync(await backup.SessionAsync(CancellationToken.None), count, chosen, CancellationToken.None));
        evidence.Attach("restored files", $"{Seeds.Replay(chosen)}\n" + string.Join("\n", backup.Restored.Files));
    }

    [When("the file {string} is restored")]
    [StepExample("When the file \"canary.txt\" is restored", "Restores one file (path relative to the disk) into a private temporary directory; fails unless it is there afterwards. Checks nothing by itself: follow it with a Then step.")]
    public async Task WhenTheFileIsRestored(string path) =>
        backup.Restored = await Verdict.CheckAsync(backup, async () =>
            await RestoreCheck.RestoreFileAsync(await backup.SessionAsync(CancellationToken.None), path, CancellationToken.None));

    [Then("every restored file matches the live file")]
    [StepExample("Then every restored file matches the live file", "SHA-256 of each restored file against the live one (host must be this machine). At least one file must be compared.",
        "Files changed after the dump and files whose live copy is gone: both are skipped and listed in the report, not failed.")]
    public async Task ThenEveryRestoredFileMatchesTheLiveFile()
    {
        var restored = RequireRestored();
        var comparison = await Verdict.CheckAsync(backup, () => LiveFileComparison.RequireMatchesLiveAsync(restored, backup.TranscriptTail, CancellationToken.None));
        checks.Record(comparison.Compared, "restored files compared");
        evidence.Attach("restore comparison", string.Join("\n", comparison.Lines));
    }

    [Then("its content matches {string}")]
    [StepExample("Then its content matches \"^canary \\d{4}-\"", "The restored file's text matches the regular expression (for canary files).",
        "Any other file of the dump.")]
    public async Task ThenItsContentMatches(string pattern)
    {
        await Verdict.CheckAsync(backup, async () =>
        {
            await CanaryCheck.RequireContentMatchesAsync(RequireRestored(), pattern, backup.TranscriptTail, CancellationToken.None);
        });
        checks.Record(1, "restored file");
    }

    [Then("the restored file is no older than {int} hours")]
    [StepExample("Then the restored file is no older than 26 hours", "The restored file's modification time (kept by the restore) is recent: the canary was planted before the dump.",
        "Its content (use 'its content matches').")]
    public async Task ThenTheRestoredFileIsNoOlderThan(int hours)
    {
        await Verdict.CheckAsync(backup, () =>
        {
            CanaryCheck.RequireRestoredNoOlderThan(RequireRestored(), TimeSpan.FromHours(hours), DateTime.UtcNow, backup.TranscriptTail);
            return Task.FromResult(true);
        });
        checks.Record(1, "restored file");
    }

    private RestoredFiles RequireRestored() => backup.Restored ?? throw new InvalidOperationException(
        "Nothing was restored: use 'When the file \"x\" is restored' or 'When 5 random files are restored' first.");
}
