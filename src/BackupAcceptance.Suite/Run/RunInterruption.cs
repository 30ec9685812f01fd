using System.Runtime.InteropServices;
using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Suite.Run;

/// <summary>
/// Stops a run in order: Ctrl-C (SIGINT), SIGTERM or the run's own time limit (BACKUP_ACCEPTANCE_RUN_TIMEOUT, seconds)
/// cancel <see cref="Token"/>, which every scenario's checks run under. The scenario in flight ends as "Interrupted"
/// (a broken run, never blamed on the backup), its amrecover sessions are killed and its restore area removed, and the
/// report and summary are still written. amrecover runs in a session of its own (setsid), so the terminal's Ctrl-C
/// reaches the suite only, not amrecover mid-command.
/// </summary>
public sealed class RunInterruption : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PosixSignalRegistration> _signals = [];
    private string? _reason;

    public RunInterruption(TimeSpan? runTimeout)
    {
        RunTimeout = runTimeout;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            _signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true; // keep the process alive to end the scenario and write the report
                Stop(signal == PosixSignal.SIGINT ? "interrupted by SIGINT (Ctrl-C)" : "stopped by SIGTERM (run.sh sends it on Ctrl-C; so do service managers)");
            }));
        }
        if (runTimeout is { } after)
            _ = StopAfterAsync(after);
    }

    public static readonly TimeSpan MaximumRunTimeout = TimeSpan.FromDays(30);

    /// <summary>The run's time limit, if one was set.</summary>
    public TimeSpan? RunTimeout { get; }

    public CancellationToken Token => _stop.Token;

    public bool Requested => _stop.IsCancellationRequested;

    /// <summary>Why the run stopped ("interrupted by SIGINT (Ctrl-C)"), or null while it runs.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>BACKUP_ACCEPTANCE_RUN_TIMEOUT: seconds for the whole run; unset means no limit.</summary>
    public static RunInterruption FromEnvironment(Func<string, string?> env)
    {
        var value = env("BACKUP_ACCEPTANCE_RUN_TIMEOUT");
        if (string.IsNullOrWhiteSpace(value)) return new RunInterruption(null);
        var seconds = AmrecoverOptions.ParseSeconds("BACKUP_ACCEPTANCE_RUN_TIMEOUT", value.Trim());
        // Task.Delay takes at most about 49 days; a longer limit would silently be none.
        if (seconds > MaximumRunTimeout.TotalSeconds)
            throw new ArgumentException($"BACKUP_ACCEPTANCE_RUN_TIMEOUT='{value.Trim()}' is more than {MaximumRunTimeout.TotalSeconds:0} seconds (30 days).");
        return new RunInterruption(TimeSpan.FromSeconds(seconds));
    }

    public void Stop(string reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, null);
        try
        {
            // The token is cancelled at once; its callbacks (killing sessions, a moment each) run on the thread pool,
            // not on the signal's thread.
            _ = _stop.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The run has ended already.
        }
    }

    private async Task StopAfterAsync(TimeSpan after)
    {
        try
        {
            await Task.Delay(after, _stop.Token);
            Stop($"stopped at the run's time limit (BACKUP_ACCEPTANCE_RUN_TIMEOUT={after.TotalSeconds:0.#} s)");
        }
        catch (OperationCanceledException)
        {
            // Stopped otherwise first.
        }
    }

    public void Dispose()
    {
        foreach (var signal in _signals) signal.Dispose();
        _stop.Dispose();
    }
}
