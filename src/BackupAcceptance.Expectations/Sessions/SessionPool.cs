using System.Collections.Concurrent;
using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Expectations.Sessions;

/// <summary>
/// Keeps one amrecover session alive per (config, host, disk) for a whole run, because every start costs about a
/// second. The session is lent to one caller at a time: a second scenario on the same disk waits for it instead of
/// starting another (which also keeps two amindexd from racing to sort a dump's index on its first browse: the
/// loser answers '500 "/" is an invalid directory'). A session that died or was killed is replaced.
/// </summary>
public sealed class SessionPool(AmrecoverOptions options) : IAsyncDisposable
{
    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public AmrecoverSession? Session { get; set; }
    }

    private readonly ConcurrentDictionary<BackupTarget, Slot> _slots = new();
    private int _started;

    public AmrecoverOptions Options => options;

    /// <summary>How many amrecover processes this pool started: the cost a run paid.</summary>
    public int Started => _started;

    /// <summary>How long a caller waits for a disk's session that another scenario holds.</summary>
    public TimeSpan WaitLimit { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The disk's session, positioned at the root of its disk; dispose the lease to give it back.</summary>
    /// <exception cref="AmrecoverException">amrecover could not be started or refused the config, host or disk.</exception>
    public async Task<SessionLease> RentAsync(BackupTarget target, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(target, _ => new Slot());
        if (!await slot.Gate.WaitAsync(WaitLimit, cancellationToken))
            throw new AmrecoverException($"The amrecover session for {target} stayed in use by another scenario for {WaitLimit.TotalMinutes:0} minutes.", "");
        try
        {
            if (slot.Session is not { IsUsable: true })
            {
                if (slot.Session is { } dead) await dead.DisposeAsync();
                slot.Session = null;
                slot.Session = await AmrecoverSession.StartAsync(options, target.Config, target.Host, cancellationToken);
                Interlocked.Increment(ref _started);
            }
        }
        catch
        {
            slot.Gate.Release();
            throw;
        }
        var lease = new SessionLease(this, target, slot.Session);
        try
        {
            // setdisk: checks the disk and puts the session at its root.
            await lease.Session.SetDiskAsync(target.Disk, cancellationToken);
            return lease;
        }
        catch
        {
            await lease.DisposeAsync(); // gives the slot back; only this disk was refused
            throw;
        }
    }

    /// <summary>A session outside the pool (browsing a whole configuration), counted with the others; the caller disposes it.</summary>
    public async Task<AmrecoverSession> StartUnpooledAsync(string config, string host, CancellationToken cancellationToken)
    {
        var session = await AmrecoverSession.StartAsync(options, config, host, cancellationToken);
        Interlocked.Increment(ref _started);
        return session;
    }

    internal void Return(BackupTarget target) => _slots[target].Gate.Release();

    public async ValueTask DisposeAsync()
    {
        foreach (var slot in _slots.Values)
            if (slot.Session is { } session) await session.DisposeAsync();
        _slots.Clear();
    }
}
