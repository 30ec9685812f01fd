using BackupAcceptance.Tests.Support;
using CliWrap;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// Faults of the suite's own machine and of Amanda's servers, injected while the real suite runs against the real
/// Amanda: each ends in its category, as a broken run that never blames the backup, and leaves no amrecover and no
/// restore directory behind. The faults of the backup itself (cut or lost tape, lost or cut index) and a refusing tape
/// server are fixtures of the demo, run by SuiteControlsTests.
/// </summary>
[Category("Integration")]
public sealed class FaultMatrixIntegrationTests
{
    private string _features = "";

    [SetUp]
    public void Folder()
    {
        RealAmanda.Require();
        _features = Directory.CreateTempSubdirectory("ba-faults-").FullName;
    }

    [TearDown]
    public void Remove() => Directory.Delete(_features, recursive: true);

    private const string LongWalk = """
        Feature: Faults
          Scenario: A long walk
            Given ba-daily config for localhost /srv/fixtures/big
            Then the backup contains at least 20000 files
        """;

    [Test]
    public async Task A_killed_index_server_is_amanda_unreachable_not_a_hollow_backup()
    {
        var run = await RunWithFaultAsync(LongWalk, new(), amrecover =>
        {
            var amindexd = ProcessTable.Descendants(amrecover).Where(p => CommandLine(p).Contains("amindexd", StringComparison.Ordinal)).ToList();
            amindexd.ShouldNotBeEmpty("amrecover's amindexd");
            foreach (var pid in amindexd) Signal(pid, 9);
        });

        Broken(run, "A long walk", "Amanda unreachable or misconfigured: ba-daily localhost:/srv/fixtures/big");
        await NothingLeftAsync(run);
    }

    [Test]
    [Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
    public async Task A_stopped_amrecover_is_killed_at_the_command_timeout()
    {
        var run = await RunWithFaultAsync(LongWalk, new() { ["BACKUP_ACCEPTANCE_COMMAND_TIMEOUT"] = "5" }, amrecover => Signal(amrecover, 19));

        var result = Broken(run, "A long walk", "Amanda unreachable or misconfigured: ba-daily localhost:/srv/fixtures/big");
        result.Message.ShouldContain("gave no prompt within 5 s");
        await NothingLeftAsync(run);
    }

    [Test]
    [Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
    public async Task An_extract_that_reads_nothing_fails_at_the_stall_bound()
    {
        const string restore = """
            Feature: Faults
              Scenario: A stalled restore
                Given ba-daily config for localhost /srv/fixtures/big
                When 3 random files are restored
                Then every restored file matches the live file
            """;
        // Stopped once the tape server is at work: amrecover then reads nothing more.
        var run = await RunWithFaultAsync(restore, new() { ["BACKUP_ACCEPTANCE_EXTRACT_STALL"] = "3" }, amrecover => Signal(amrecover, 19),
            amrecover => ProcessTable.Descendants(amrecover).Any(p => CommandLine(p).Contains("amidxtaped", StringComparison.Ordinal)),
            settle: TimeSpan.Zero);

        var result = Broken(run, "A stalled restore", "Amanda unreachable or misconfigured: ba-daily localhost:/srv/fixtures/big");
        result.Message.ShouldContain("read no data for 3 s during extract (BACKUP_ACCEPTANCE_EXTRACT_STALL)");
        await NothingLeftAsync(run);
    }

    [Test]
    [Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
    public async Task A_walk_past_its_time_limit_is_broken_and_leaves_nothing_running()
    {
        await File.WriteAllTextAsync(Path.Combine(_features, "fault.feature"), LongWalk);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = await SuiteRunner.RunAsync(_features, null, timeout.Token, new Dictionary<string, string>
        {
            ["BACKUP_ACCEPTANCE_WALK_TIMEOUT"] = "3",
            ["BACKUP_ACCEPTANCE_INDEX_FILES"] = "off",
            ["BACKUP_ACCEPTANCE_CACHE"] = "off",
        });

        var result = Broken(run, "A long walk", "Amanda unreachable or misconfigured: ba-daily localhost:/srv/fixtures/big");
        result.Message.ShouldContain("expected the walk of the disk to end within 3 s (BACKUP_ACCEPTANCE_WALK_TIMEOUT); found it had not ended after 3 s");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "a walk of well over 10 s was cut at 3 s (test host start included)");
        await NothingLeftAsync(run);
    }

    [Test]
    [Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
    public async Task A_full_restore_area_is_a_failed_restore_with_the_free_space_and_the_space_needed()
    {
        // 16 KiB of tmpfs: four pages, fewer than the files asked for.
        var area = Directory.CreateTempSubdirectory("ba-full-area-").FullName;
        await Cli.Wrap("mount").WithArguments(["-t", "tmpfs", "-o", "size=16k,mode=0700", "tmpfs", area]).ExecuteAsync();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(_features, "full.feature"), """
                Feature: Faults
                  Scenario: A restore into a full area
                    Given ba-daily config for localhost /srv/fixtures/oddnames
                    When 30 random files are restored
                    Then every restored file matches the live file
                """);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var run = await SuiteRunner.RunAsync(_features, null, timeout.Token, new Dictionary<string, string> { ["BACKUP_ACCEPTANCE_RESTORE_DIR"] = area });

            var result = Broken(run, "A restore into a full area", "Restore failed: ba-daily localhost:/srv/fixtures/oddnames");
            result.Message.ShouldContain("the restore area is full (\"tar: ");
            result.Message.ShouldContain("No space left on device");
            result.Message.ShouldContain("KiB free of 16 KiB");
            // and the room the dump needs, from the server's own record (amadmin info, as the dump user)
            result.Message.ShouldMatch(@"space needed: the files asked for are part of the disk's dumps, whose latest hold level 0 of \d{8}(\d{6})?: [\d,]+ KiB");
            Directory.EnumerateFileSystemEntries(area).ShouldBeEmpty("the restore area was removed");
            await NothingLeftAsync(run);
        }
        finally
        {
            await Cli.Wrap("umount").WithArguments(["-l", area]).WithValidation(CommandResultValidation.None).ExecuteAsync();
            Directory.Delete(area);
        }
    }

    private static SuiteTestResult Broken(SuiteRun run, string scenario, string start)
    {
        var result = run.Single(scenario);
        result.Outcome.ShouldBe("Failed", run.Console);
        result.Message.ShouldStartWith(start, customMessage: result.Message);
        run.AllureResults.Single(r => (string?)r["name"] == scenario)["status"]!.GetValue<string>().ShouldBe("broken");
        return result;
    }

    /// <summary>Runs the features; once the run's first amrecover is <paramref name="ready"/> (default: started) and has
    /// worked for <paramref name="settle"/> (default: two seconds), does the fault to it.</summary>
    private async Task<SuiteRun> RunWithFaultAsync(string feature, Dictionary<string, string> environment, Action<int> fault,
        Func<int, bool>? ready = null, TimeSpan? settle = null)
    {
        await File.WriteAllTextAsync(Path.Combine(_features, "fault.feature"), feature);
        // The run's own id: the fault goes only to an amrecover this run started, never to another on the machine.
        var scope = SuiteRunner.NewScope();
        environment["BACKUP_ACCEPTANCE_INDEX_FILES"] = "off"; // walk through amrecover: long enough to be hit
        environment["BACKUP_ACCEPTANCE_CACHE"] = "off";
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var injected = InjectAsync(scope, fault, ready ?? (_ => true), settle ?? TimeSpan.FromSeconds(2), timeout.Token);
        var run = await SuiteRunner.RunAsync(_features, null, timeout.Token, environment, scope: scope);
        (await injected).ShouldBeTrue("the fault was injected while amrecover walked");
        return run;
    }

    private static async Task<bool> InjectAsync(string scope, Action<int> fault, Func<int, bool> ready, TimeSpan settle,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(50, cancellationToken);
            var amrecover = SuiteRunner.Living(scope, "amrecover ba-daily ").FirstOrDefault(ready);
            if (amrecover == 0) continue;
            await Task.Delay(settle, cancellationToken);
            fault(amrecover);
            return true;
        }
        return false;
    }

    /// <summary>Nothing of the run's own is left: amrecover, and with auth local the index and tape servers it forked
    /// (its process group), which carry the run's id in their environment too. Other runs on the machine are not looked at.</summary>
    private static async Task NothingLeftAsync(SuiteRun run)
    {
        string[] programs = ["amrecover ", "amindexd amandad local", "amidxtaped amandad local"];
        for (var i = 0; i < 50 && programs.Any(p => run.Living(p).Count > 0); i++) await Task.Delay(100);
        foreach (var program in programs)
            run.Living(program).ShouldBeEmpty($"no {program.Split(' ')[0]} of the run left running");
    }

    private static string CommandLine(int pid) => ProcessTable.CommandLine(pid);

    private static void Signal(int pid, int signal) => ProcessTable.Signal(pid, signal).ShouldBe(0, $"kill({pid}, {signal})");
}
