using System.Diagnostics;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// A run stopped mid-walk, through the real suite and the real Amanda: by its own time limit, and by SIGTERM to the
/// test host (what run.sh sends on Ctrl-C). The walks in flight end as Interrupted (a broken run, never the backup's
/// fault), the summary says so, and no amrecover is left running.
/// </summary>
[Category("Integration")]
[Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
public sealed class RunInterruptionIntegrationTests
{
    // The big disk walked by amrecover alone (no index files, no cache) takes well over 10 s: long enough to stop.
    // Scenarios run in parallel, so both walks are in flight when the stop comes (locally and over bsdtcp).
    private const string Features = """
        Feature: Stopped runs
          Scenario: A long walk
            Given ba-daily config for localhost /srv/fixtures/big
            Then the backup contains at least 20000 files

          Scenario: A long walk over the network
            Given ba-daily-net config for localhost /srv/fixtures/big
            Then the backup contains at least 20000 files
        """;

    private string _features = "";

    [SetUp]
    public void Write()
    {
        RealAmanda.RequireNetwork();
        _features = Directory.CreateTempSubdirectory("ba-interrupt-").FullName;
        File.WriteAllText(Path.Combine(_features, "stopped.feature"), Features);
    }

    [TearDown]
    public void Remove() => Directory.Delete(_features, recursive: true);

    private static Dictionary<string, string> Slow() => new()
    {
        ["BACKUP_ACCEPTANCE_INDEX_FILES"] = "off",
        ["BACKUP_ACCEPTANCE_CACHE"] = "off",
    };

    [Test]
    public async Task The_runs_time_limit_interrupts_the_walk_and_what_follows()
    {
        var environment = Slow();
        environment["BACKUP_ACCEPTANCE_RUN_TIMEOUT"] = "4";
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var clock = Stopwatch.StartNew();

        var run = await SuiteRunner.RunAsync(_features, null, timeout.Token, environment);

        ShouldBeInterrupted(run, "stopped at the run's time limit (BACKUP_ACCEPTANCE_RUN_TIMEOUT=4 s)");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(90), "the limit held within seconds (build check and test host start included)");
        await NoAmrecoverLeftAsync(run);
    }

    [Test]
    public async Task SIGTERM_to_the_test_host_interrupts_in_order()
    {
        // The run's own id: the test host signalled and the amrecover looked for are this run's, never another's.
        var scope = SuiteRunner.NewScope();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stopper = StopWhenWalkingAsync(scope, timeout.Token);

        var run = await SuiteRunner.RunAsync(_features, null, timeout.Token, Slow(), scope: scope);

        (await stopper).ShouldBeTrue("the test host and its amrecover were seen, and the test host was sent SIGTERM");
        ShouldBeInterrupted(run, "stopped by SIGTERM");
        await NoAmrecoverLeftAsync(run);
    }

    private static void ShouldBeInterrupted(SuiteRun run, string reason)
    {
        run.ExitCode.ShouldNotBe(0, run.Console);
        var walk = run.Single("A long walk");
        walk.Message.ShouldStartWith("Interrupted: ba-daily localhost:/srv/fixtures/big", customMessage: run.Console);
        walk.Message.ShouldContain(reason);
        run.Single("A long walk over the network").Message.ShouldStartWith("Interrupted: ba-daily-net localhost:/srv/fixtures/big");
        run.AllureResults.ShouldAllBe(r => (string?)r["status"] == "broken");
        run.Summary.ShouldContain($"INTERRUPTED: the run was {reason}");
    }

    /// <summary>Waits for the suite's test host (of the run's scope) to run an amrecover, lets it walk a moment, then
    /// sends it SIGTERM as run.sh does on Ctrl-C.</summary>
    private static async Task<bool> StopWhenWalkingAsync(string scope, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(200, cancellationToken);
            var host = SuiteRunner.Living(scope, "testhost").FirstOrDefault();
            if (host == 0 || !SuiteRunner.Living(scope, "amrecover").Any(IsAmrecover))
                continue;
            await Task.Delay(2000, cancellationToken);
            Process.GetProcessById(host); // still there
            return ProcessTable.Signal(host, 15) == 0;
        }
        return false;
    }

    /// <summary>No amrecover of this run is left (bounded wait); another on the machine (a nightly run, a sysadmin's
    /// session) is not this test's to judge.</summary>
    private static async Task NoAmrecoverLeftAsync(SuiteRun run)
    {
        for (var i = 0; i < 50 && run.Living("amrecover").Any(IsAmrecover); i++) await Task.Delay(100);
        run.Living("amrecover").Where(IsAmrecover).Select(pid => $"{pid} {ProcessTable.CommandLine(pid)}").ShouldBeEmpty("no amrecover of the run left running");
    }

    // By the program run, "amrecover" or a path to it (the suite resolves it before setsid runs it).
    private static bool IsAmrecover(int pid) =>
        ProcessTable.CommandLine(pid).Split(' ')[0] is var program && (program == "amrecover" || program.EndsWith("/amrecover", StringComparison.Ordinal));
}
