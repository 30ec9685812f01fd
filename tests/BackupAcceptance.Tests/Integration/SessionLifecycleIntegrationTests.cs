using System.Diagnostics;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>Killing or stalling the real amrecover is reported promptly and leaves none of its processes behind.</summary>
[Category("Integration")]
public sealed class SessionLifecycleIntegrationTests
{
    [OneTimeSetUp]
    public void RequireAmanda() => RealAmanda.Require();

    private static async Task<(AmrecoverSession Session, int Pid, IReadOnlyList<int> Tree)> StartAsync(AmrecoverOptions options)
    {
        var session = await AmrecoverSession.StartAsync(options, RealAmanda.Config, RealAmanda.Host, CancellationToken.None);
        await session.SetDiskAsync(RealAmanda.Disk("big"), CancellationToken.None);
        var pid = session.ProcessId!.Value;
        var tree = ProcessTable.Descendants(pid);
        tree.ShouldNotBeEmpty("amrecover forks amandad, which runs amindexd");
        return (session, pid, tree);
    }

    [Test]
    public async Task A_command_that_outlives_its_timeout_kills_amrecover_and_its_server_processes()
    {
        var (session, pid, tree) = await StartAsync(new AmrecoverOptions());

        // No ls answers within a tick: the timeout fires while amrecover is still at work.
        await Should.ThrowAsync<AmrecoverTimeoutException>(() => session.SendAsync("ls", CancellationToken.None, timeout: TimeSpan.FromTicks(1)));

        (await ProcessTable.WaitUntilGoneAsync([pid, .. tree], TimeSpan.FromSeconds(5))).ShouldBeEmpty();
        await session.DisposeAsync();
    }

    [Test]
    public async Task An_amrecover_killed_from_outside_is_reported_at_the_next_command()
    {
        var (session, pid, tree) = await StartAsync(new AmrecoverOptions());
        Process.GetProcessById(pid).Kill();
        var clock = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<AmrecoverExitedException>(() => session.ListAsync(CancellationToken.None));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        error.ExitCode.ShouldBe(128 + 9);
        (await ProcessTable.WaitUntilGoneAsync([pid, .. tree], TimeSpan.FromSeconds(5))).ShouldBeEmpty();
        await session.DisposeAsync();
    }

    [Test]
    public async Task Disposal_quits_and_leaves_nothing_running()
    {
        var (session, pid, tree) = await StartAsync(new AmrecoverOptions());
        await session.DisposeAsync();
        (await ProcessTable.WaitUntilGoneAsync([pid, .. tree], TimeSpan.FromSeconds(5))).ShouldBeEmpty();
    }
}
