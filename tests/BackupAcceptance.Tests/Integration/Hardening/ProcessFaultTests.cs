using System.Diagnostics;
using System.Globalization;
using BackupAcceptance.Tests.Support;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration.Hardening;

/// <summary>
/// Issue 24, rows K1 and S3: nothing outlives the run. A SIGKILL of ./run.sh (what a CI job's timeout sends) or of
/// the test host, during a data check on restored data, through the real suite and the real Amanda: within seconds no
/// process of the run is left (no test host, no amrecover or Amanda server, no data check), found by the run's id in
/// /proc, and by the data check's own command line.
/// </summary>
[Category("Integration")]
[Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
public sealed class ProcessFaultTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private string _work = "";
    private string _sleep = "";

    [SetUp]
    public void Create()
    {
        RealAmanda.Require();
        _work = Directory.CreateTempSubdirectory("ba-process-faults-").FullName;
        // A data check that runs for two minutes unless it is killed, with a command line no other run has.
        _sleep = $"sleep 123.{Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture)}";
        File.WriteAllText(Path.Combine(_work, "long.feature"), $$"""
            Feature: Killed runs
              Scenario: a long data check
                Given ba-daily config for localhost /etc
                When the file "passwd" is restored
                Then the restored "passwd" passes "sh -c '{{_sleep}}' _ {}"
            """);
    }

    [TearDown]
    public void Remove() => Directory.Delete(_work, recursive: true);

    [Test]
    public void No_build_server_nor_provisioning_daemon_is_the_runs()
    {
        // An MSBuild node or compiler server started by a run carries its id, outlives it and serves other builds, and
        // the watchdog would SIGKILL it under them; so would it the daemons a package's script starts while provisioning.
        var calls = new[] { "run.sh", "tests/mutations/run.sh" }
            .SelectMany(script => File.ReadAllLines(Path.Combine(Repository.Root, script)).Select(line => (script, line)))
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l.line, @"\bdotnet (build|test|run) (--project )?""\$"))
            .ToList();
        calls.Count.ShouldBeGreaterThanOrEqualTo(6, "run_own_tests, bench (2), baseline, mutate (3)");
        calls.Where(c => !c.line.Contains("--disable-build-servers", StringComparison.Ordinal)).Select(c => $"{c.script}: {c.line.Trim()}")
            .ShouldBeEmpty("every dotnet a run starts has no build servers");
        var runSh = File.ReadAllText(Path.Combine(Repository.Root, "run.sh"));
        runSh.ShouldContain("local args=(test \"$ROOT/src/BackupAcceptance.Suite\" --disable-build-servers");
        runSh.ShouldContain("env -u BACKUP_ACCEPTANCE_RUN_ID \"$ROOT/provision/amanda-demo.sh\"");
    }

    [Test]
    public async Task A_SIGKILL_of_run_sh_leaves_no_process_of_the_run()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var run = Start(timeout.Token);
        await InFlightAsync(run);

        ProcessTable.Signal(run.Pid, 9).ShouldBe(0);
        var clock = Stopwatch.StartNew();

        (await run.WaitUntilNoneLeftAsync(Bound)).ShouldBeEmpty("no process of the run outlives run.sh by more than 10 s");
        clock.Elapsed.ShouldBeLessThan(Bound);
        ProcessTable.LivingWithCommandLine(_sleep).ShouldBeEmpty("the data check is gone");
        (await run.EndAsync()).ExitCode.ShouldBe(137, "killed by SIGKILL");
        (await LockIsFreeAsync()).ShouldBeTrue("the results folder is free for the next run");
    }

    [Test]
    public async Task A_SIGKILL_of_the_test_host_ends_what_it_started_and_the_run_exits_2()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var run = Start(timeout.Token);
        await InFlightAsync(run);
        var host = run.Processes().Single(pid => ProcessTable.CommandLine(pid).Contains("testhost", StringComparison.Ordinal));

        ProcessTable.Signal(host, 9).ShouldBe(0);
        var clock = Stopwatch.StartNew();

        // What the test host started carries its own scope, ".../host-PID-...": its watchdog ends it.
        (await run.WaitUntilNoneLeftAsync(Bound, pid => ProcessTable.Environment(pid).Contains("/host-", StringComparison.Ordinal)))
            .ShouldBeEmpty("nothing the test host started outlives it by more than 10 s");
        clock.Elapsed.ShouldBeLessThan(Bound);
        ProcessTable.LivingWithCommandLine(_sleep).ShouldBeEmpty("the data check is gone");

        var ended = await run.EndAsync();
        ended.ExitCode.ShouldBe(2, ended.ToString());
        ended.StandardError.ShouldContain($"run.sh: no summary in {Path.Combine(_work, "results")}: the build or the test host failed before the run ended");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "run.sh ends soon after its test host");
        (await run.WaitUntilNoneLeftAsync(Bound)).ShouldBeEmpty("and nothing of the run is left once run.sh has ended");
    }

    private RunScript Start(CancellationToken cancellationToken) => RunScript.Start(
        ["--features", Path.Combine(_work, "long.feature"), "--quiet"],
        new Dictionary<string, string?>
        {
            ["BACKUP_ACCEPTANCE_RESULTS"] = Path.Combine(_work, "results"),
            ["BACKUP_ACCEPTANCE_ALLURE_HISTORY"] = Path.Combine(_work, "history.jsonl"),
        },
        cancellationToken);

    /// <summary>Waits until the data check runs, and checks that the run's test host and amrecover carry its id.</summary>
    private async Task InFlightAsync(RunScript run)
    {
        (await run.WaitForAsync(_sleep, TimeSpan.FromMinutes(4))).ShouldNotBeNull($"the data check started\n{await LogOf(run)}");
        var commands = run.Processes().Select(ProcessTable.CommandLine).ToList();
        commands.ShouldContain(c => c.Contains("testhost", StringComparison.Ordinal), string.Join("\n", commands));
        commands.ShouldContain(c => c.Split(' ')[0].EndsWith("amrecover", StringComparison.Ordinal), string.Join("\n", commands));
    }

    private async Task<string> LogOf(RunScript run) =>
        File.Exists(Path.Combine(_work, "results", "dotnet-test.log")) ? await File.ReadAllTextAsync(Path.Combine(_work, "results", "dotnet-test.log")) : run.Scope;

    private async Task<bool> LockIsFreeAsync() =>
        (await Cli.Wrap("flock").WithArguments(["-n", Path.Combine(_work, "results", ".backup-acceptance-lock"), "true"])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync()).ExitCode == 0;
}
