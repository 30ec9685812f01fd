using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Suite.Support;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Coverage of a whole configuration: every host and disk, found by listhost and listdisk.</summary>
[Binding]
[StepLayer(5, "Coverage of the whole estate")]
public sealed class EstateSteps(BackupContext backup, CheckLedger checks, IReqnrollOutputHelper output, Evidence evidence)
{
    [Given("every disk of {config} config")]
    [StepExample("Given every disk of daily config", "Every disk of every host of the configuration, as the index server lists them.")]
    public async Task GivenEveryDiskOf(AmandaConfig config)
    {
        GivenOrder.RequireBeforeChecks(backup, checks, $"Given every disk of {config.Name} config");
        backup.Estate = await Verdict.CheckAsync(backup, () => EstateCheck.DisksAsync(SuiteRun.Sessions, config.Name, CancellationToken.None));
    }

    [Given("every disk of {config} config except:")]
    [StepExample("Given every disk of daily config except:\n  | disk                     |\n  | /srv/fixtures/notdumped  |", "The same, leaving out the listed disks (host:disk or just the disk).")]
    public async Task GivenEveryDiskOfExcept(AmandaConfig config, DataTable exceptions)
    {
        GivenOrder.RequireBeforeChecks(backup, checks, $"Given every disk of {config.Name} config except:");
        var skip = exceptions.Rows.Select(r => r[0].Trim()).ToHashSet();
        var disks = await Verdict.CheckAsync(backup, () => EstateCheck.DisksAsync(SuiteRun.Sessions, config.Name, CancellationToken.None));
        // An exception that matches no disk is a typo that would silently widen or narrow the check.
        var unknown = skip.Where(s => !disks.Any(d => d.Disk == s || $"{d.Host}:{d.Disk}" == s)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"Suite defect: these exceptions match no disk of {config.Name}: {string.Join(", ", unknown)}.");
        backup.Estate = disks.Where(d => !skip.Contains(d.Disk) && !skip.Contains($"{d.Host}:{d.Disk}")).ToList();
        output.WriteLine($"left out: {string.Join(", ", skip)}");
    }

    [Then("every disk has a dump no older than {int} hours with at least {int} file(s)")]
    [StepExample("Then every disk has a dump no older than 26 hours with at least 1 file", "Each disk: a recent dump that holds files. The failure lists every bad disk.",
        "Paths, counts against earlier dumps, or restores of any disk.")]
    public async Task ThenEveryDiskHasADumpNoOlderThanWithAtLeast(int hours, int files)
    {
        var estate = backup.Estate ?? throw new InvalidOperationException("No estate: start with 'Given every disk of daily config'.");
        var report = await Verdict.CheckAsync(backup, () => EstateCheck.RequireEveryDiskAsync(
            SuiteRun.Sessions, estate, TimeSpan.FromHours(hours), files, DateTime.Now, CancellationToken.None));
        checks.Record(estate.Count, "disks");
        evidence.Attach("estate", string.Join("\n", report));
    }
}
