namespace BackupAcceptance.Bench;

/// <summary>
/// Peak memory of this process plus every process below it (each amrecover and what it forked; PSS, so shared
/// pages count once), and of this process alone (RSS), sampled
/// every 200 ms while one way runs (reading smaps_rollup of a dozen processes costs CPU the walk competes for): with several sessions, and sessions replaced as they go, no single process's
/// high-water mark tells what the walk needed at once.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakTotalKiB;
    private long _peakSelfKiB;

    public MemorySampler() => _sampling = Task.Run(SampleAsync);

    public long PeakTotalKiB => Interlocked.Read(ref _peakTotalKiB);

    public long PeakSelfKiB => Interlocked.Read(ref _peakSelfKiB);

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        do
        {
            var self = ProcessMemory.ResidentKiB(Environment.ProcessId);
            var total = ProcessMemory.ProportionalWithDescendantsKiB(Environment.ProcessId);
            if (self > _peakSelfKiB) Interlocked.Exchange(ref _peakSelfKiB, self);
            if (total > _peakTotalKiB) Interlocked.Exchange(ref _peakTotalKiB, total);
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
