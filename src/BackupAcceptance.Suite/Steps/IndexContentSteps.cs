using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Suite.Support;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Expectations on what the backup's index holds, checked through amrecover's own listings.</summary>
[Binding]
public sealed class IndexContentSteps(BackupContext backup, IReqnrollOutputHelper output)
{
    /// <example>Then the backup contains at least one file</example>
    [Then("the backup contains at least one file")]
    public async Task ThenTheBackupContainsAtLeastOneFile()
    {
        var summary = await Verdict.CheckAsync(backup, async () =>
            await FileCountCheck.RequireFilesAsync(await backup.SessionAsync(CancellationToken.None), 1, CancellationToken.None));
        output.WriteLine($"{backup.Target} (dump {summary.DumpDate}): {summary.Describe()}");
    }
}
