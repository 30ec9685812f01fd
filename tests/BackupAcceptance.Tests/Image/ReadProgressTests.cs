using BackupAcceptance.Amanda.Image;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Image;

/// <summary>A dump image that stops sending (a volume that never loads) must end the read, not hang the run.</summary>
public sealed class ReadProgressTests
{
    [Test]
    public async Task An_image_that_sends_nothing_is_stopped_after_the_stall_bound()
    {
        var progress = new ReadProgress(new SilentStream());
        using var stop = new CancellationTokenSource();
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await progress.WatchAsync(TimeSpan.FromMilliseconds(200), stop, done.Token);
        stop.IsCancellationRequested.ShouldBeTrue();
        done.IsCancellationRequested.ShouldBeFalse("the watch must stop the read long before the test's own bound");
    }

    [Test]
    public async Task An_image_that_keeps_sending_is_not_stopped()
    {
        var progress = new ReadProgress(new MemoryStream(new byte[1_000_000]));
        using var stop = new CancellationTokenSource();
        using var done = new CancellationTokenSource();
        var watching = progress.WatchAsync(TimeSpan.FromMilliseconds(300), stop, done.Token);
        var buffer = new byte[1000];
        for (var i = 0; i < 10; i++)
        {
            (await progress.ReadAsync(buffer)).ShouldBe(1000);
            await Task.Delay(100);
        }
        await done.CancelAsync();
        await watching;
        stop.IsCancellationRequested.ShouldBeFalse();
        progress.BytesRead.ShouldBe(10_000);
    }

    private sealed class SilentStream : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}
