using BackupAcceptance.Expectations;
using BackupAcceptance.Suite.Support;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Steps that say which backup a scenario is about.</summary>
[Binding]
public sealed class TargetSteps(BackupContext backup)
{
    /// <example>Given daily config for localhost /etc</example>
    [Given("{config} config for {host} {disk}")]
    public void GivenConfigForHostDisk(AmandaConfig config, AmandaHost host, AmandaDisk disk) =>
        backup.Target = new BackupTarget(config.Name, host.Name, disk.Name);
}
