using BackupAcceptance.Amanda.Locking;

namespace BackupAcceptance.Expectations.Sessions;

/// <summary>A configuration's tape drive, held until disposed: the host's lock file is closed (which frees it for the
/// other processes), then the run's own gate is given back.</summary>
public sealed class TapeDriveLease(SemaphoreSlim gate, HostLockFile file, TapeDriveWait wait) : IDisposable
{
    private int _released;

    /// <summary>How the turn came: how long it took, and whom it waited for.</summary>
    public TapeDriveWait Wait => wait;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        file.Dispose();
        gate.Release();
    }
}
