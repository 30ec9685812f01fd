using System.Collections.Concurrent;
using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Expectations.Sessions;

/// <summary>
/// Keeps amrecover sessions alive for a whole run, one idle stack per (config, host, disk), because every start
/// costs about a second. A session is lent to one caller at a time and comes back when the lease is disposed;
/// a session that died or was killed is dropped instead of being lent again.
/// </summary>
public sealed class SessionPool(AmrecoverOptions options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<BackupTarget, ConcurrentBag<AmrecoverSession>> _idle = new();
    private readonly ConcurrentBag<AmrecoverSession> _all = [];
    private int _started;

    public AmrecoverOptions Options => options;

    /// <summary>How many amrecover processes this pool started: the cost a run paid.</summary>
    public int Started => _started;

    /// <summary>A session for <paramref name="target"/>, positioned at the root of its disk.</summary>
    /// <exception cref="AmrecoverException">amrecover could not be started or refused the config, host or disk.</exception>
    public async Task<SessionLease> RentAsync(BackupTarget target, CancellationToken cancellationToken)
    {
        var idle = _idle.GetOrAdd(target, _ => []);
        while (idle.TryTake(out var reused))
        {
            if (reused.IsUsable) return await PositionAsync(new SessionLease(this, target, reused), cancellationToken);
        }

        var session = await AmrecoverSession.StartAsync(options, target.Config, target.Host, cancellationToken);
        Interlocked.Increment(ref _started);
        _all.Add(session);
        return await PositionAsync(new SessionLease(this, target, session), cancellationToken);
    }

    /// <summary>setdisk again: it checks the disk and resets the working directory to the disk's root.</summary>
    private static async Task<SessionLease> PositionAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        try
        {
            await lease.Session.SetDiskAsync(lease.Target.Disk, cancellationToken);
            return lease;
        }
        catch
        {
            await lease.DisposeAsync(); // back to the pool if it still runs; only this disk was refused
            throw;
        }
    }

    internal void Return(BackupTarget target, AmrecoverSession session)
    {
        if (session.IsUsable) _idle.GetOrAdd(target, _ => []).Add(session);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _all) await session.DisposeAsync();
        _idle.Clear();
    }
}
