using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations;
using BackupAcceptance.Suite.Support;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Steps that say which backup, and which dump of it, a scenario is about. They come before any check.</summary>
[Binding]
[StepLayer(1, "Context: which backup, which dump")]
public sealed class TargetSteps(BackupContext backup, CheckLedger checks)
{
    [Given("{config} config for {host} {disk}")]
    [StepExample("Given daily config for localhost /etc", "The disk (DLE) to check: Amanda config, host and disk as in the disklist; quote a disk with spaces.")]
    public void GivenConfigForHostDisk(AmandaConfig config, AmandaHost host, AmandaDisk disk)
    {
        GivenOrder.RequireBeforeChecks(backup, checks, $"Given {config.Name} config for {host.Name} {disk.Name}");
        backup.Target = new BackupTarget(config.Name, host.Name, disk.Name);
    }

    [Given("the dump as of {date}")]
    [StepExample("Given the dump as of 2026-11-25", "Look at the newest dump on or before that date (setdate); none that old is a stale backup. Must come before every When and Then step.")]
    public void GivenTheDumpAsOf(DumpDate date)
    {
        GivenOrder.RequireBeforeChecks(backup, checks, $"Given the dump as of {date}");
        backup.AsOf = date;
    }

    [Given("the dump before the latest")]
    [StepExample("Given the dump before the latest", "Look at the second newest dump in the disk's history. Must come before every When and Then step.")]
    public void GivenTheDumpBeforeTheLatest()
    {
        GivenOrder.RequireBeforeChecks(backup, checks, "Given the dump before the latest");
        backup.BeforeLatest = true;
    }
}
