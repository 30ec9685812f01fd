using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>The core's private area (<see cref="IPrivateArea"/>) as the suite makes every restore area: under the run's
/// trusted restore root, mode 0700, marked with the run that owns it, removed with what it holds (RestoreArea).</summary>
internal sealed class PrivateRestoreArea(RestoreArea area) : IPrivateArea
{
    public string Path => area.Path;

    public ValueTask DisposeAsync() => area.DisposeAsync();
}
