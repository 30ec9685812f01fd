using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Suite.Reporting;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Session;

/// <summary>The run summary's "waiting on amrecover": wall time with any exchange in flight, and the sum.</summary>
public sealed class AmrecoverTimeTests
{
    [Test]
    public async Task Overlapping_waits_count_once_in_wall_time_and_twice_in_the_sum()
    {
        var time = new AmrecoverTime();
        async Task WaitAsync()
        {
            using var _ = time.Measure();
            await Task.Delay(200);
        }

        await Task.WhenAll(WaitAsync(), WaitAsync());

        time.Waited.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));
        time.Summed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(380));
        time.Waited.ShouldBeLessThan(time.Summed - TimeSpan.FromMilliseconds(100)); // not counted twice
    }

    [Test]
    public async Task Time_between_exchanges_is_not_waiting()
    {
        var time = new AmrecoverTime();
        using (time.Measure()) await Task.Delay(50);
        await Task.Delay(300);
        using (time.Measure()) await Task.Delay(50);

        time.Waited.ShouldBeLessThan(TimeSpan.FromMilliseconds(300));
        time.Waited.ShouldBe(time.Summed, TimeSpan.FromMilliseconds(5));
    }

    [Test]
    public async Task A_session_adds_its_start_and_every_command_to_its_options_clock()
    {
        var options = FakeAmrecover.Options("normal", "fake-amrecover-child-" + Guid.NewGuid().ToString("N")[..12]);
        await using (var session = await AmrecoverSession.StartAsync(options, "ba-daily", "localhost", CancellationToken.None))
        {
            var afterStart = options.Time.Waited;
            afterStart.ShouldBeGreaterThan(TimeSpan.Zero);
            await session.SendAsync("slow-ls", CancellationToken.None);
            options.Time.Waited.ShouldBeGreaterThan(afterStart);
        }
        var copy = options with { CommandTimeout = TimeSpan.FromSeconds(5) };
        copy.Time.ShouldBeSameAs(options.Time); // a copy for one use adds to the run's clock
    }

    [Test]
    public void The_summary_line_says_what_the_suite_itself_cost()
    {
        var line = new RunTime(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(45)).ToString();

        line.ShouldBe("run 40.0 s, of which waiting on amrecover 30.0 s (75 %; 45.0 s summed over sessions in parallel): the suite's own work 10.0 s");
    }
}
