using System.Diagnostics;
using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Amanda.Restoring;

/// <summary>
/// Watches an extract for progress: the bytes amrecover's processes read (<see cref="ProcessActivity"/>) grow while
/// the dump streams from the tape server to tar, for a dump of any size. When they stand still for the stall bound,
/// <see cref="Token"/> is cancelled, which kills the session; <see cref="Stalled"/> then says why. Where the bytes
/// cannot be read, it watches nothing and only the extract's own time bound applies.
/// </summary>
internal sealed class ExtractStallWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _done = new();
    private readonly Task _watching;
    private volatile bool _stalled;

    private ExtractStallWatch(int? pid, TimeSpan? stall, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _watching = pid is { } id && stall is { } bound ? WatchAsync(id, bound) : Task.CompletedTask;
    }

    /// <summary>The caller's token, cancelled also when the extract stalls.</summary>
    public CancellationToken Token => _stop.Token;

    public bool Stalled => _stalled;

    public static ExtractStallWatch Start(int? pid, TimeSpan? stall, CancellationToken cancellationToken) => new(pid, stall, cancellationToken);

    private async Task WatchAsync(int pid, TimeSpan stall)
    {
        var poll = TimeSpan.FromMilliseconds(Math.Clamp(stall.TotalMilliseconds / 4, 50, 1000));
        var last = ProcessActivity.BytesRead(pid);
        if (last is null) return;
        var still = Stopwatch.StartNew();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, _done.Token);
        try
        {
            while (true)
            {
                await Task.Delay(poll, either.Token);
                var now = ProcessActivity.BytesRead(pid);
                if (now is null) return; // amrecover is gone: the session reports that itself
                if (now != last)
                {
                    last = now;
                    still.Restart();
                }
                else if (still.Elapsed >= stall)
                {
                    _stalled = true;
                    await _stop.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The extract ended, or the caller cancelled.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _done.CancelAsync();
        await _watching;
        _done.Dispose();
        _stop.Dispose();
    }
}
