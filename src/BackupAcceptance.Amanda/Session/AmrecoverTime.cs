using System.Diagnostics;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// How long a run waited on amrecover: the wall time during which at least one session was starting or had a command
/// out (sessions in parallel count once), and the sum over sessions. Against the run's own wall time it shows what
/// the suite itself costs. Shared by every session started with the same <see cref="AmrecoverOptions"/>.
/// </summary>
public sealed class AmrecoverTime
{
    private readonly Lock _lock = new();
    private readonly Stopwatch _anyBusy = new();
    private int _inFlight;
    private long _summedTicks;

    /// <summary>Wall time with at least one exchange in flight.</summary>
    public TimeSpan Waited
    {
        get
        {
            lock (_lock) return _anyBusy.Elapsed;
        }
    }

    /// <summary>Every exchange's time added up: more than <see cref="Waited"/> when sessions overlap.</summary>
    public TimeSpan Summed => TimeSpan.FromTicks(Interlocked.Read(ref _summedTicks));

    /// <summary>Counts from now until the returned scope is disposed.</summary>
    public Scope Measure()
    {
        lock (_lock)
            if (_inFlight++ == 0) _anyBusy.Start();
        return new Scope(this, Stopwatch.GetTimestamp());
    }

    private void End(long startedAt)
    {
        Interlocked.Add(ref _summedTicks, Stopwatch.GetElapsedTime(startedAt).Ticks);
        lock (_lock)
            if (--_inFlight == 0) _anyBusy.Stop();
    }

    /// <summary>One exchange's time; ends when disposed.</summary>
    public readonly struct Scope(AmrecoverTime time, long startedAt) : IDisposable
    {
        public void Dispose() => time.End(startedAt);
    }
}
