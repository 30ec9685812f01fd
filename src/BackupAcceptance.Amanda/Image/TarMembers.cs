using System.Runtime.CompilerServices;
using System.Text;

namespace BackupAcceptance.Amanda.Image;

/// <summary>
/// Reads a tar stream (GNU format, as GNU tar writes Amanda's dumps) member by member without keeping any file's
/// data: only headers, long names and the dumpdirs of an incremental dump are read, everything else is skipped. Names
/// stay bytes: a name need not be UTF-8 and may hold a newline, which is why tar's own <c>-tvv</c> listing (it prints
/// dumpdir names raw, one per line) cannot be parsed safely.
/// </summary>
public static class TarMembers
{
    private const int Block = 512;

    /// <summary>The largest dumpdir kept: the names of one directory. A larger one is not a dump GNU tar wrote.</summary>
    private const long MaximumDumpDirectory = 256L * 1024 * 1024;

    /// <summary>The largest long name or pax header kept: a path is at most a few KiB.</summary>
    private const long MaximumLongName = 1024 * 1024;

    public static async IAsyncEnumerable<TarMember> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var header = new byte[Block];
        byte[]? longName = null;
        byte[]? paxPath = null;
        while (true)
        {
            // GNU tar always ends an archive with zero blocks: a stream that stops before them was cut short.
            if (!await FillAsync(stream, header, cancellationToken))
                throw new EndOfStreamException("the tar stream ends without its end-of-archive blocks: the dump image is cut short");
            if (header.All(b => b == 0)) yield break;
            if (!ChecksumMatches(header)) throw new InvalidDataException("not a tar header (its checksum does not match): not a GNU tar dump");
            var type = header[156] == 0 ? '0' : (char)header[156];
            var size = Size(header);
            if (type == 'S' && header[482] != 0) await SkipSparseExtensionsAsync(stream, cancellationToken);
            if (type is 'L' or 'x' && size > MaximumLongName)
                throw new InvalidDataException($"a long-name header of {size} bytes: not a dump GNU tar wrote");
            switch (type)
            {
                case 'L':
                    longName = TrimNul(await ReadDataAsync(stream, size, cancellationToken));
                    continue;
                case 'x':
                    paxPath = PaxPath(await ReadDataAsync(stream, size, cancellationToken));
                    continue;
                case 'g' or 'K':
                    await SkipDataAsync(stream, size, cancellationToken);
                    continue;
            }
            var name = paxPath ?? longName ?? HeaderName(header);
            (longName, paxPath) = (null, null);
            if (type == 'D')
            {
                if (size > MaximumDumpDirectory) throw new InvalidDataException($"a dumpdir of {size} bytes: not a dump GNU tar wrote");
                yield return new TarMember(type, name, await ReadDataAsync(stream, size, cancellationToken), Changed(header));
            }
            else
            {
                // Hard links, symbolic links and devices have no data; every other member's data is skipped unread.
                await SkipDataAsync(stream, type is '1' or '2' or '3' or '4' or '5' or '6' ? 0 : size, cancellationToken);
                yield return new TarMember(type, name, null, Changed(header));
            }
        }
    }

    private static async Task<bool> FillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0) return false;
        return read == buffer.Length ? true : throw new EndOfStreamException("the tar stream ends inside a header: the dump image is cut short");
    }

    private static async Task<byte[]> ReadDataAsync(Stream stream, long size, CancellationToken cancellationToken)
    {
        var data = new byte[size];
        await stream.ReadExactlyAsync(data, cancellationToken);
        await SkipAsync(stream, Padding(size), cancellationToken);
        return data;
    }

    private static Task SkipDataAsync(Stream stream, long size, CancellationToken cancellationToken) =>
        SkipAsync(stream, size + Padding(size), cancellationToken);

    private static async Task SkipAsync(Stream stream, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (count > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
            if (read == 0) throw new EndOfStreamException("the tar stream ends inside a member: the dump image is cut short");
            count -= read;
        }
    }

    private static async Task SkipSparseExtensionsAsync(Stream stream, CancellationToken cancellationToken)
    {
        var extension = new byte[Block];
        do
        {
            if (!await FillAsync(stream, extension, cancellationToken)) throw new EndOfStreamException("the tar stream ends inside a sparse header");
        }
        while (extension[504] != 0);
    }

    // mtime at 136; GNU format keeps the ctime at 357 when it writes one (incremental dumps), zeros otherwise.
    private static DateTime Changed(byte[] header)
    {
        var modified = Octal(header.AsSpan(136, 12)) ?? 0;
        var gnu = header.AsSpan(257, 8).SequenceEqual("ustar  \0"u8);
        var changed = gnu ? Octal(header.AsSpan(357, 12)) ?? 0 : 0;
        return DateTime.UnixEpoch.AddSeconds(Math.Clamp(Math.Max(modified, changed), 0, 253_402_300_799));
    }

    private static long Padding(long size) => (Block - size % Block) % Block;

    private static bool ChecksumMatches(byte[] header)
    {
        long sum = 0;
        for (var i = 0; i < Block; i++) sum += i is >= 148 and < 156 ? ' ' : header[i];
        return Octal(header.AsSpan(148, 8)) is { } recorded && recorded == sum;
    }

    // Octal digits, or GNU's base-256 (first byte's high bit set) for sizes of 8 GiB and more.
    private static long Size(byte[] header)
    {
        var field = header.AsSpan(124, 12);
        if ((field[0] & 0x80) != 0)
        {
            long value = field[0] & 0x7f;
            foreach (var b in field[1..]) value = (value << 8) | b;
            return value;
        }
        return Octal(field) ?? throw new InvalidDataException("a tar header's size is not a number");
    }

    private static long? Octal(ReadOnlySpan<byte> field)
    {
        long value = 0;
        var digits = 0;
        foreach (var b in field)
        {
            if (b is (byte)' ' or 0) { if (digits > 0) break; continue; }
            if (b is < (byte)'0' or > (byte)'7') return null;
            value = value * 8 + (b - '0');
            digits++;
        }
        return digits > 0 ? value : null;
    }

    // GNU format has no prefix field (those bytes hold times); POSIX ustar ("ustar\0") does.
    private static byte[] HeaderName(byte[] header)
    {
        var name = TrimNul(header.AsSpan(0, 100).ToArray());
        var posix = header.AsSpan(257, 6).SequenceEqual("ustar\0"u8);
        var prefix = posix ? TrimNul(header.AsSpan(345, 155).ToArray()) : [];
        return prefix.Length == 0 ? name : [.. prefix, (byte)'/', .. name];
    }

    private static byte[] TrimNul(byte[] bytes)
    {
        var end = Array.IndexOf(bytes, (byte)0);
        return end < 0 ? bytes : bytes[..end];
    }

    // Records of "<length> <key>=<value>\n"; only the path matters here.
    private static byte[]? PaxPath(byte[] records)
    {
        byte[]? path = null;
        var at = 0;
        while (at < records.Length)
        {
            var space = Array.IndexOf(records, (byte)' ', at);
            if (space < 0 || !int.TryParse(Encoding.ASCII.GetString(records, at, space - at), out var length) || length <= 0 || at + length > records.Length) break;
            var record = records.AsSpan(space + 1, at + length - space - 2); // without the newline
            if (record.StartsWith("path="u8)) path = record[5..].ToArray();
            at += length;
        }
        return path;
    }
}
