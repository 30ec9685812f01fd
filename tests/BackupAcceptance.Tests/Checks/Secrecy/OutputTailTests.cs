using BackupAcceptance.Core.DataChecks;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks.Secrecy;

/// <summary>Issue 24, S2/DC1: a command's output is held in a fixed buffer, its tail kept, its size counted.</summary>
public sealed class OutputTailTests
{
    [Test]
    public void Only_the_last_bytes_are_kept_in_order_and_all_are_counted()
    {
        var tail = new OutputTail(16);
        for (var i = 0; i < 10; i++) tail.Append(System.Text.Encoding.ASCII.GetBytes($"line {i}\n"));

        tail.TotalBytes.ShouldBe(70);
        tail.Truncated.ShouldBeTrue();
        System.Text.Encoding.ASCII.GetString(tail.Bytes()).ShouldBe("7\nline 8\nline 9\n");
    }

    [Test]
    public void A_chunk_larger_than_the_buffer_keeps_its_end()
    {
        var tail = new OutputTail(4);
        tail.Append("ab"u8);
        tail.Append("0123456789"u8);

        tail.Bytes().ShouldBe("6789"u8.ToArray());
        tail.TotalBytes.ShouldBe(12);
        new OutputTail(4).Bytes().ShouldBeEmpty();
    }

    [Test]
    public async Task Streaming_400_MB_through_it_allocates_a_bounded_amount()
    {
        var tail = new OutputTail();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await using (var zeros = new ZeroStream(400_000_000))
            await tail.Target.CopyFromAsync(zeros);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        tail.TotalBytes.ShouldBe(400_000_000);
        tail.Bytes().Length.ShouldBe(OutputTail.DefaultCapacity);
        allocated.ShouldBeLessThan(40_000_000, "a tenth of the output at most: the buffer and per-read overhead, never the output");
    }

    /// <summary>N zero bytes, read without holding them.</summary>
    private sealed class ZeroStream(long size) : Stream
    {
        private long _left = size;
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _left);
            Array.Clear(buffer, offset, n);
            _left -= n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
