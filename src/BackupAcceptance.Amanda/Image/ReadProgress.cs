namespace BackupAcceptance.Amanda.Image;

/// <summary>
/// A read-only stream that counts the bytes read through it, so a watchdog can tell a dump image that still streams
/// from one that stopped (a tape that never loads, a tape server that hangs): amfetchdump may wait forever for a
/// volume, and killing it is the only way to end the read.
/// </summary>
internal sealed class ReadProgress(Stream inner) : Stream
{
    private long _read;

    public long BytesRead => Interlocked.Read(ref _read);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = await inner.ReadAsync(buffer, cancellationToken);
        Interlocked.Add(ref _read, count);
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Cancels <paramref name="stop"/> when no byte came through for <paramref name="stall"/>.</summary>
    public async Task WatchAsync(TimeSpan stall, CancellationTokenSource stop, CancellationToken done)
    {
        var poll = TimeSpan.FromMilliseconds(Math.Clamp(stall.TotalMilliseconds / 4, 50, 1000));
        var last = BytesRead;
        var still = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            while (true)
            {
                await Task.Delay(poll, done);
                var now = BytesRead;
                if (now != last)
                {
                    last = now;
                    still.Restart();
                }
                else if (still.Elapsed >= stall)
                {
                    await stop.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The read ended, or the caller cancelled.
        }
    }
}
