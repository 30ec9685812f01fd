using System.Runtime.InteropServices;

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

    /// <param name="runTimeout">BACKUP_ACCEPTANCE_RUN_TIMEOUT (at most 30 days: its row's rule), or null: no limit.</param>
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

    /// <summary>The run's time limit, if one was set.</summary>
    public TimeSpan? RunTimeout { get; }

    public CancellationToken Token => _stop.Token;

    public bool Requested => _stop.IsCancellationRequested;

    /// <summary>Why the run stopped ("interrupted by SIGINT (Ctrl-C)"), or null while it runs.</summary>
    public string? Reason => Volatile.Read(ref _reason);

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
