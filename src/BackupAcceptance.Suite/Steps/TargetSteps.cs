using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations;
using BackupAcceptance.Suite.Support;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Steps that say which backup, and which dump of it, a scenario is about.</summary>
[Binding]
[StepLayer(1, "Context: which backup, which dump")]
public sealed class TargetSteps(BackupContext backup)
{
    [Given("{config} config for {host} {disk}")]
    [StepExample("Given daily config for localhost /etc", "The disk (DLE) to check: Amanda config, host and disk as in the disklist; quote a disk with spaces.")]
    public void GivenConfigForHostDisk(AmandaConfig config, AmandaHost host, AmandaDisk disk) =>
        backup.Target = new BackupTarget(config.Name, host.Name, disk.Name);

    [Given("the dump as of {date}")]
    [StepExample("Given the dump as of 2026-11-25", "Look at the newest dump on or before that date (setdate); none that old is a stale backup.")]
    public void GivenTheDumpAsOf(DumpDate date) => backup.AsOf = date;

    [Given("the dump before the latest")]
    [StepExample("Given the dump before the latest", "Look at the second newest dump in the disk's history.")]
    public void GivenTheDumpBeforeTheLatest() => backup.BeforeLatest = true;
}
