using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Expectations.Sessions;

/// <summary>A pooled session lent to one caller; disposing the lease gives it back.</summary>
public sealed class SessionLease(SessionPool pool, BackupTarget target, AmrecoverSession session) : IAsyncDisposable
{
    private int _returned;

    public BackupTarget Target => target;

    public AmrecoverSession Session => session;

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0) pool.Return(target, session);
        return ValueTask.CompletedTask;
    }
}
