using BackupAcceptance.Suite.Run;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Session;

/// <summary>The run's stop: one reason (the first), a token every check runs under, a time limit that holds.</summary>
public sealed class RunInterruptionTests
{
    [Test]
    public void The_first_reason_stands()
    {
        using var stop = new RunInterruption(null);
        stop.Requested.ShouldBeFalse();
        stop.Stop("interrupted by SIGINT (Ctrl-C)");
        stop.Stop("stopped by SIGTERM");
        stop.Token.IsCancellationRequested.ShouldBeTrue();
        stop.Reason.ShouldBe("interrupted by SIGINT (Ctrl-C)");
    }

    [Test]
    public async Task The_time_limit_stops_the_run()
    {
        using var stop = new RunInterruption(TimeSpan.FromMilliseconds(200));
        await Task.Delay(TimeSpan.FromSeconds(5), stop.Token).ContinueWith(_ => { });
        stop.Reason.ShouldBe("stopped at the run's time limit (BACKUP_ACCEPTANCE_RUN_TIMEOUT=0.2 s)");
    }
}
