using CliWrap;

namespace BackupAcceptance.Core.DataChecks;

/// <summary>
/// The last bytes a command wrote, in a fixed buffer: a data check that prints 400 MB costs this buffer, not 400 MB
/// (the bytes before the tail are counted and dropped). stdout and stderr may share one tail; each chunk is kept whole
/// and in the order it arrived.
/// </summary>
public sealed class OutputTail(int capacity = OutputTail.DefaultCapacity)
{
    public const int DefaultCapacity = 64 * 1024;

    private readonly byte[] _ring = new byte[capacity];
    private readonly Lock _gate = new();
    private long _total;

    /// <summary>Every byte written, kept or not.</summary>
    public long TotalBytes
    {
        get { lock (_gate) return _total; }
    }

    public bool Truncated => TotalBytes > capacity;

    public PipeTarget Target => PipeTarget.Create(async (stream, cancellationToken) =>
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0) Append(buffer.AsSpan(0, read));
    });

    public void Append(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            // Only the last `capacity` bytes of this chunk can survive it.
            var skipped = Math.Max(0, bytes.Length - capacity);
            _total += skipped;
            foreach (var b in bytes[skipped..])
            {
                _ring[_total % capacity] = b;
                _total++;
            }
        }
    }

    /// <summary>The kept bytes, oldest first.</summary>
    public byte[] Bytes()
    {
        lock (_gate)
        {
            var kept = (int)Math.Min(_total, capacity);
            var start = (int)((_total - kept) % capacity);
            var result = new byte[kept];
            var first = Math.Min(kept, capacity - start);
            Array.Copy(_ring, start, result, 0, first);
            Array.Copy(_ring, 0, result, first, kept - first);
            return result;
        }
    }
}
