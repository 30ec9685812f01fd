using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Expectations.Sessions;

/// <summary>
/// The amrecover sessions of one (config, host): at most <see cref="Bound"/> of them, each lent to one lease at a
/// time and moved between the host's disks with <c>setdisk</c>. A turn is a right to one session: an idle one (the
/// one last on the lease's disk first: amindexd keeps that disk's index open), else a new one while fewer than the
/// bound exist. A session that died is dropped when it comes back or is taken, and its turn starts a new one.
/// </summary>
internal sealed class HostSessions(int bound)
{
    private sealed record Idle(AmrecoverSession Session, string Disk);

    private readonly SemaphoreSlim _turns = new(bound, bound);
    private readonly Lock _lock = new();
    private readonly List<Idle> _idle = [];
    private readonly List<AmrecoverSession> _all = [];

    public int Bound => bound;

    /// <summary>Sessions alive or lent out now (at most <see cref="Bound"/>).</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _all.Count;
        }
    }

    /// <summary>Waits for a turn; false when none came within <paramref name="limit"/>. The caller then
    /// <see cref="Take"/>s a session (or starts one) and must <see cref="Give"/> or <see cref="Forfeit"/> the turn.</summary>
    public Task<bool> WaitTurnAsync(TimeSpan limit, CancellationToken cancellationToken) => _turns.WaitAsync(limit, cancellationToken);

    /// <summary>With a turn held: an idle usable session, the one on <paramref name="disk"/> first, or null to start
    /// one (there is room: every turn beyond the idle sessions has no session). Dead idle sessions come back for the
    /// caller to close.</summary>
    public (AmrecoverSession? Session, IReadOnlyList<AmrecoverSession> Dead) Take(string disk)
    {
        lock (_lock)
        {
            var dead = _idle.Where(i => !i.Session.IsUsable).Select(i => i.Session).ToList();
            _idle.RemoveAll(i => !i.Session.IsUsable);
            foreach (var session in dead) _all.Remove(session);
            var pick = _idle.FindLastIndex(i => i.Disk == disk);
            if (pick < 0) pick = _idle.Count - 1; // the most recently used: its amindexd is warm
            if (pick < 0) return (null, dead);
            var taken = _idle[pick];
            _idle.RemoveAt(pick);
            return (taken.Session, dead);
        }
    }

    /// <summary>A session started elsewhere (on this host already) joins as an idle one, when nobody holds a turn and
    /// there is room: a turn held may be starting a session because none was idle. False: the caller keeps it.</summary>
    public bool Adopt(AmrecoverSession session)
    {
        lock (_lock)
        {
            if (!session.IsUsable || _all.Count >= bound || _turns.CurrentCount < bound) return false;
            _all.Add(session);
            _idle.Add(new Idle(session, ""));
            return true;
        }
    }

    /// <summary>A session started under a turn joins the host's sessions.</summary>
    public void Add(AmrecoverSession session)
    {
        lock (_lock) _all.Add(session);
    }

    /// <summary>Gives the turn back with its session, idle on <paramref name="disk"/>; a dead one is dropped (returned
    /// for the caller to close) and the turn stays free to start another.</summary>
    public AmrecoverSession? Give(AmrecoverSession session, string disk)
    {
        AmrecoverSession? dead = null;
        lock (_lock)
        {
            if (session.IsUsable) _idle.Add(new Idle(session, disk));
            else
            {
                _all.Remove(session);
                dead = session;
            }
        }
        _turns.Release();
        return dead;
    }

    /// <summary>Gives the turn back without a session (none could be started).</summary>
    public void Forfeit() => _turns.Release();

    /// <summary>Every session, lent or idle, for the pool's end.</summary>
    public IReadOnlyList<AmrecoverSession> TakeAll()
    {
        lock (_lock)
        {
            var all = _all.ToList();
            _all.Clear();
            _idle.Clear();
            return all;
        }
    }
}
