using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Suite.Support;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>The data layer: real restores into a private temporary directory, compared byte for byte.</summary>
[Binding]
[StepLayer(4, "Data: real restores")]
public sealed class DataSteps(BackupContext backup, IReqnrollOutputHelper output, Evidence evidence)
{
    [When("{int} random files are restored")]
    [StepExample("When 5 random files are restored", "Restores a seeded random sample of the disk's files (seed printed; BACKUP_ACCEPTANCE_SEED replays it).")]
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
    [StepExample("When the file \"canary.txt\" is restored", "Restores one file (path relative to the disk) into a private temporary directory.")]
    public async Task WhenTheFileIsRestored(string path) =>
        backup.Restored = await Verdict.CheckAsync(backup, async () =>
            await RestoreCheck.RestoreFileAsync(await backup.SessionAsync(CancellationToken.None), path, CancellationToken.None));

    [Then("every restored file matches the live file")]
    [StepExample("Then every restored file matches the live file", "SHA-256 of each restored file against the live one (host must be this machine); files changed after the dump are skipped.")]
    public async Task ThenEveryRestoredFileMatchesTheLiveFile()
    {
        var restored = RequireRestored();
        var report = await Verdict.CheckAsync(backup, () => RestoreCheck.RequireMatchesLiveAsync(restored, backup.TranscriptTail, CancellationToken.None));
        evidence.Attach("restore comparison", string.Join("\n", report));
    }

    [Then("its content matches {string}")]
    [StepExample("Then its content matches \"^canary \\d{4}-\"", "The restored file's text matches the regular expression (for canary files).")]
    public async Task ThenItsContentMatches(string pattern) =>
        await Verdict.CheckAsync(backup, async () =>
        {
            await RestoreCheck.RequireContentMatchesAsync(RequireRestored(), pattern, backup.TranscriptTail, CancellationToken.None);
        });

    [Then("the restored file is no older than {int} hours")]
    [StepExample("Then the restored file is no older than 26 hours", "The restored file's modification time (kept by the restore) is recent: the canary was planted before the dump.")]
    public async Task ThenTheRestoredFileIsNoOlderThan(int hours) =>
        await Verdict.CheckAsync(backup, () =>
        {
            RestoreCheck.RequireRestoredNoOlderThan(RequireRestored(), TimeSpan.FromHours(hours), DateTime.UtcNow, backup.TranscriptTail);
            return Task.FromResult(true);
        });

    private RestoredFiles RequireRestored() => backup.Restored ?? throw new InvalidOperationException(
        "Nothing was restored: use 'When the file \"x\" is restored' or 'When 5 random files are restored' first.");
}
