using System.IO.Compression;

namespace BackupAcceptance.Amanda.Index;

/// <summary>
/// Decompresses a gzip file and, at its end, checks the CRC-32 and length its trailer records. .NET's
/// <see cref="GZipStream"/> ends quietly at the end of a cut-short file; an index read that way would be a smaller
/// tree counted as if whole. A mismatch throws <see cref="InvalidDataException"/>, as gzip -t would fail.
/// </summary>
public sealed class GzipTrailerStream : Stream
{
    private static readonly uint[] Table = BuildTable();

    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private uint _crc = 0xFFFFFFFF;
    private long _length;
    private bool _checked;

    public GzipTrailerStream(string path)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        _gzip = new GZipStream(_file, CompressionMode.Decompress, leaveOpen: true);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _gzip.ReadAsync(buffer, cancellationToken);
        if (read > 0) Update(buffer.Span[..read]);
        else if (buffer.Length > 0) await CheckTrailerAsync(cancellationToken);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Readers here are async (StreamReader.ReadLineAsync); a synchronous read would skip nothing but is not used.
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("GzipTrailerStream is read asynchronously.");

    private void Update(ReadOnlySpan<byte> bytes)
    {
        var crc = _crc;
        foreach (var b in bytes) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        _crc = crc;
        _length += bytes.Length;
    }

    private async Task CheckTrailerAsync(CancellationToken cancellationToken)
    {
        if (_checked) return;
        _checked = true;
        if (_file.Length < 18) throw new InvalidDataException($"{_file.Name} is too short to be a whole gzip file ({_file.Length} bytes).");
        var trailer = new byte[8];
        _file.Seek(-8, SeekOrigin.End);
        await _file.ReadExactlyAsync(trailer, cancellationToken);
        var crc = BitConverter.ToUInt32(trailer, 0);
        var size = BitConverter.ToUInt32(trailer, 4);
        if (crc != ~_crc || size != (uint)_length)
            throw new InvalidDataException(
                $"{_file.Name} is cut short or damaged: its trailer records {size} bytes (CRC {crc:x8}), {_length} bytes (CRC {~_crc:x8}) came out.");
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
            _file.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _gzip.DisposeAsync();
        await _file.DisposeAsync();
        await base.DisposeAsync();
    }
}
