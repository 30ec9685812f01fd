using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using Reqnroll;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>Coverage of a whole configuration: every host and disk, found by listhost and listdisk.</summary>
public sealed partial class BackupDriver
{
    /// <summary>"Given every disk of CONFIG config": the disks to check.</summary>
    public IReadOnlyList<BackupTarget>? Estate { get; private set; }

    public async Task UseEstateAsync(string config)
    {
        RequireOneEstate();
        Estate = await VerdictAsync(() => EstateCheck.DisksAsync(run.Sessions, config, Cancellation, startHostSessions: true));
    }

    /// <summary>The estate without the disks of the table (host:disk or just the disk).</summary>
    public async Task UseEstateExceptAsync(string config, DataTable exceptions)
    {
        RequireOneEstate();
        var names = exceptions.Rows.Select(r => r[0].Trim()).ToHashSet();
        Estate = await VerdictAsync(async () =>
            EstateCheck.Without(await EstateCheck.DisksAsync(run.Sessions, config, Cancellation, startHostSessions: true), names, config));
        output.WriteLine($"left out: {string.Join(", ", names)}");
    }

    private void RequireOneEstate()
    {
        RequireBeforeChecks();
        if (Target is not null || Estate is not null || OnRepository) throw Misuse("one disk, estate or repository per scenario");
        if (_dump != DumpChoice.Latest) throw Misuse("no dump choice with the estate: the estate check looks at each disk's latest dump");
    }

    public async Task RequireEveryDiskAsync(int hours, int files)
    {
        if (OnRepository) throw AmandaOnly();
        var estate = Estate ?? throw new InvalidOperationException("No estate: start with 'Given every disk of ba-daily config'.");
        var lines = await VerdictAsync(() => EstateCheck.RequireEveryDiskAsync(run.Sessions, estate,
            FreshnessCheck.Hours(BackupTarget.Estate(estate.FirstOrDefault()?.Config ?? "?"), hours), files, DateTime.Now, Cancellation));
        checks.Record(estate.Count, "disks");
        evidence.Attach("estate", string.Join("\n", lines));
    }
}
