using System.Globalization;
using BackupAcceptance.Tests.Support;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration.Hardening;

/// <summary>
/// Issue 24, rows R1, N2, R2, R3, CC1, HI1 and FI1, and the results' modes: the suite's own trouble (its results
/// folder read-only, unwritable, a file, full; another run on it; the report's history unusable; feature files that
/// are not files) exits 2 with one sentence that names the path, never 1 (a backup fault) and never 0; nothing the
/// user made is deleted, no process of the run is left, and what a run writes is readable by the user alone, or by
/// the group BACKUP_ACCEPTANCE_RESULTS_GROUP names. Through ./run.sh, as root (the suite's amrecover needs it):
/// read-only and full folders are tmpfs mounts, an unwritable one is immutable (chattr +i) or root's to a user.
/// </summary>
[Category("Integration")]
[Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
public sealed class ResultsFaultTests
{
    private const string Quick = """
        Feature: Quick
          Scenario: etc holds files
            Given ba-daily config for localhost /etc
            Then the backup contains at least one file
        """;

    private static readonly TimeSpan Refused = TimeSpan.FromSeconds(15); // refused before the build starts
    private string _work = "";
    private readonly List<string> _mounts = [];
    private readonly List<string> _immutable = [];

    [SetUp]
    public void Create()
    {
        RealAmanda.Require();
        _work = Directory.CreateTempSubdirectory("ba-results-faults-").FullName;
        File.WriteAllText(Path.Combine(_work, "quick.feature"), Quick);
    }

    [TearDown]
    public async Task Remove()
    {
        foreach (var path in _immutable) await Cli.Wrap("chattr").WithArguments(["-i", path]).WithValidation(CommandResultValidation.None).ExecuteAsync();
        foreach (var mount in Enumerable.Reverse(_mounts)) await Cli.Wrap("umount").WithArguments([mount]).WithValidation(CommandResultValidation.None).ExecuteAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Test]
    public async Task R1_a_read_only_results_folder_exits_2_naming_it_and_keeps_the_last_run()
    {
        var results = Path.Combine(await MountAsync("size=1m"), "results");
        LastRun(results);
        await ShAsync("mount", "-o", "remount,ro", Path.GetDirectoryName(results)!);

        var run = await RunAsync(results);

        Refusal(run, $"run.sh: the results folder {results} is not writable: Read-only file system");
        File.ReadAllText(Path.Combine(results, "summary.txt")).ShouldBe("the last run\n");
    }

    [Test]
    public async Task N2_an_unwritable_results_folder_exits_2_naming_it()
    {
        var results = Path.Combine(_work, "results");
        LastRun(results);
        await ShAsync("chattr", "+i", results);
        _immutable.Add(results);

        var run = await RunAsync(results);

        Refusal(run, $"run.sh: the results folder {results} is not writable: Operation not permitted");
        File.ReadAllText(Path.Combine(results, "summary.txt")).ShouldBe("the last run\n");
    }

    [Test]
    public async Task N2_a_results_folder_another_user_owns_exits_2_naming_it()
    {
        // run.sh as the user nobody (a prefix stands for sudo), on a folder only root may write.
        var results = Path.Combine(_work, "results");
        LastRun(results);
        File.SetUnixFileMode(_work, (UnixFileMode)Convert.ToInt32("755", 8));
        File.SetUnixFileMode(results, (UnixFileMode)Convert.ToInt32("755", 8));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var run = await Cli.Wrap("runuser").WithArguments(["-u", "nobody", "--", "env", "BACKUP_ACCEPTANCE_COMMAND_PREFIX=true",
                $"BACKUP_ACCEPTANCE_RESULTS={results}", $"BACKUP_ACCEPTANCE_ALLURE_HISTORY={Path.Combine(_work, "nobody-history", "history.jsonl")}",
                Path.Combine(Repository.Root, "run.sh")])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);

        run.ExitCode.ShouldBe(2, run.StandardError);
        run.StandardError.Trim().ShouldBe($"run.sh: the results folder {results} is not writable: Permission denied");
        File.ReadAllText(Path.Combine(results, "summary.txt")).ShouldBe("the last run\n");
    }

    [Test]
    public async Task R2_a_file_named_as_the_results_folder_is_refused_and_kept()
    {
        var results = Path.Combine(_work, "notes.txt");
        await File.WriteAllTextAsync(results, "the user's notes\n");

        var run = await RunAsync(results);

        Refusal(run, $"run.sh: the results folder {results} is a regular file, not a folder: it is left as it is; name a folder (BACKUP_ACCEPTANCE_RESULTS)");
        (await File.ReadAllTextAsync(results)).ShouldBe("the user's notes\n");
    }

    [Test]
    public async Task R3_a_results_folder_that_fills_up_exits_2_naming_it_and_keeps_the_users_files()
    {
        // 64 KiB, 40 of them the user's: the lock and the marker fit, the run's results do not.
        var disk = await MountAsync("size=64k");
        var mine = Path.Combine(disk, "mine.bin");
        await File.WriteAllBytesAsync(mine, new byte[40 * 1024]);
        var results = Path.Combine(disk, "results");

        var run = await RunAsync(results, timeout: TimeSpan.FromMinutes(4));

        run.ExitCode.ShouldBe(2, run.ToString());
        run.StandardError.ShouldContain($"{results}", customMessage: run.ToString());
        run.StandardError.ShouldContain("No space left on device", customMessage: run.ToString());
        run.Took.ShouldBeLessThan(TimeSpan.FromMinutes(3));
        new FileInfo(mine).Length.ShouldBe(40 * 1024, "the user's file is untouched");
    }

    [Test]
    public async Task CC1_a_second_run_on_the_same_folder_is_refused_at_once_with_the_holders_PID()
    {
        var results = Path.Combine(_work, "results");
        var (feature, sleep) = await SlowFeatureAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var first = RunScript.Start(["--features", feature, "--quiet", .. RunScript.Prebuilt], Settings(results), timeout.Token);
        (await first.WaitForAsync(sleep, TimeSpan.FromMinutes(4))).ShouldNotBeNull("the first run is checking");

        var second = await RunAsync(results);

        Refusal(second, $"run.sh: another run (PID {first.Pid}) is using the results folder {results}: wait for it to end, or name another folder (BACKUP_ACCEPTANCE_RESULTS)");
        var ended = await first.EndAsync();
        ended.ExitCode.ShouldBe(0, ended.ToString());
        (await File.ReadAllTextAsync(Path.Combine(results, "summary.txt"))).ShouldStartWith("PASS  Slow / a slow data check\n1 passed, 0 failed, 0 broken");
    }

    [Test]
    public async Task CC1_report_and_evidence_are_refused_while_a_run_holds_the_folder()
    {
        var results = Path.Combine(_work, "results");
        LastRun(results);
        await File.WriteAllTextAsync(Path.Combine(results, ".backup-acceptance-lock"), "4242\n");
        using var hold = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var holder = Cli.Wrap("flock").WithArguments([Path.Combine(results, ".backup-acceptance-lock"), "sleep", "60"])
            .WithValidation(CommandResultValidation.None).ExecuteAsync(hold.Token);
        try
        {
            await Task.Delay(500);
            var evidence = await RunScript.RunAsync(["evidence"], Settings(results), TimeSpan.FromMinutes(1));
            evidence.ExitCode.ShouldBe(2, evidence.ToString());
            evidence.StandardError.Trim().ShouldBe($"run.sh: evidence: a run (PID 4242) is writing {results}: pack it once that run has ended");

            var part = Path.Combine(_work, "part");
            Directory.CreateDirectory(Path.Combine(part, "allure-results"));
            await File.WriteAllTextAsync(Path.Combine(part, "summary.txt"), "1 passed, 0 failed, 0 broken\n");
            await File.WriteAllTextAsync(Path.Combine(part, "allurerc.json"), "{}\n");
            await File.WriteAllTextAsync(Path.Combine(part, "shard.txt"), "shard 1/1 features 0 tags \n");
            var report = await RunScript.RunAsync(["report", part], Settings(results), TimeSpan.FromMinutes(1));
            report.ExitCode.ShouldBe(2, report.ToString());
            report.StandardError.Trim().ShouldBe($"run.sh: another run (PID 4242) is using the results folder {results}: wait for it to end, or name another folder (BACKUP_ACCEPTANCE_RESULTS)");
            File.ReadAllText(Path.Combine(results, "summary.txt")).ShouldBe("the last run\n");
        }
        finally
        {
            await hold.CancelAsync();
            try { await holder; } catch (OperationCanceledException) { }
        }
    }

    [Test]
    public async Task HI1_a_history_that_is_a_folder_or_cannot_be_written_exits_2_before_the_run()
    {
        var folder = Path.Combine(_work, "history.jsonl");
        Directory.CreateDirectory(folder);
        var run = await RunAsync(Path.Combine(_work, "results"), history: folder);
        Refusal(run, $"run.sh: the history {folder} is not a regular file: fix it or move it (BACKUP_ACCEPTANCE_ALLURE_HISTORY)");
        Directory.Exists(folder).ShouldBeTrue();

        var file = Path.Combine(_work, "kept.jsonl");
        await File.WriteAllTextAsync(file, "{}\n");
        await ShAsync("chattr", "+i", file);
        _immutable.Add(file);
        run = await RunAsync(Path.Combine(_work, "results"), history: file);
        Refusal(run, $"run.sh: the history {file} cannot be written by root (read-only or immutable): fix it or move it (BACKUP_ACCEPTANCE_ALLURE_HISTORY)");
    }

    [Test]
    public async Task FI1_features_that_are_not_files_are_refused_at_once()
    {
        var fifo = Path.Combine(_work, "pipe.feature");
        await ShAsync("mkfifo", fifo);

        var run = await RunAsync(Path.Combine(_work, "results"), features: fifo);
        Refusal(run, $"run.sh: --features: {fifo} is a fifo, neither a folder nor a regular file");

        run = await RunAsync(Path.Combine(_work, "results"), features: _work);
        Refusal(run, $"run.sh: --features: {fifo} is a fifo, not a regular file");
    }

    [Test]
    public async Task Results_are_the_users_alone_by_default()
    {
        var results = Path.Combine(_work, "results");
        var history = Path.Combine(_work, "history.jsonl");
        await File.WriteAllTextAsync(history, ""); // an older history, world-readable: tightened
        File.SetUnixFileMode(history, (UnixFileMode)Convert.ToInt32("644", 8));

        var run = await RunAsync(results, history: history, timeout: TimeSpan.FromMinutes(4));

        run.ExitCode.ShouldBe(0, run.ToString());
        var entries = Entries(results).Append(history).ToList();
        entries.Count.ShouldBeGreaterThan(10);
        entries.Where(e => (Mode(e) & 0b000_111_111) != 0).Select(e => $"{Convert.ToString(Mode(e), 8)} {e}").ShouldBeEmpty("no group or other access");
    }

    [Test]
    public async Task A_plain_dotnet_test_writes_its_results_for_the_user_alone_too()
    {
        // No run.sh: the test host's own umask (a libc call at its start) is all there is.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var open = new List<string>();
        var run = await SuiteRunner.RunAsync(Path.Combine(_work, "quick.feature"), null, timeout.Token,
            new Dictionary<string, string> { ["BACKUP_ACCEPTANCE_COUNT_HISTORY"] = Path.Combine(_work, "counts.jsonl") },
            inspect: results =>
            {
                open.AddRange(Entries(results).Where(e => (Mode(e) & 0b000_111_111) != 0).Select(e => $"{Convert.ToString(Mode(e), 8)} {e}"));
                return Task.CompletedTask;
            });

        run.ExitCode.ShouldBe(0, run.Console);
        run.Summary.ShouldContain("1 passed, 0 failed, 0 broken");
        open.ShouldBeEmpty("the summary, the Allure results and their folders are the user's alone");
    }

    [Test]
    public async Task Results_are_the_groups_to_read_with_BACKUP_ACCEPTANCE_RESULTS_GROUP()
    {
        var results = Path.Combine(_work, "results");
        var history = Path.Combine(_work, "history.jsonl");
        var run = await RunAsync(results, history: history, timeout: TimeSpan.FromMinutes(4), group: "backup");

        run.ExitCode.ShouldBe(0, run.ToString());
        var entries = Entries(results).Append(history).ToList();
        entries.Where(e => (Mode(e) & 0b000_000_111) != 0).Select(e => $"{Convert.ToString(Mode(e), 8)} {e}").ShouldBeEmpty("no access for others");
        entries.Where(e => (Mode(e) & 0b000_100_000) == 0).Select(e => $"{Convert.ToString(Mode(e), 8)} {e}").ShouldBeEmpty("the group reads everything");
        (await NotOfGroupAsync("backup", results, history)).ShouldBeEmpty("everything belongs to the group");
        Directory.EnumerateDirectories(results, "*", SearchOption.AllDirectories).Prepend(results)
            .Where(d => (Mode(d) & Convert.ToInt32("2010", 8)) != Convert.ToInt32("2010", 8)).ShouldBeEmpty("folders are the group's to enter, and setgid");
    }

    [Test]
    public async Task HI1_a_history_that_turns_unwritable_during_the_run_leaves_no_report_and_exits_2()
    {
        var results = Path.Combine(_work, "results");
        var history = Path.Combine(_work, "history.jsonl");
        await File.WriteAllTextAsync(history, "");
        var (feature, sleep) = await SlowFeatureAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var run = RunScript.Start(["--features", feature, "--quiet", .. RunScript.Prebuilt], Settings(results, history), timeout.Token);
        (await run.WaitForAsync(sleep, TimeSpan.FromMinutes(4))).ShouldNotBeNull("the run is checking");
        await ShAsync("chattr", "+i", history);
        _immutable.Add(history);

        var ended = await run.EndAsync();

        ended.ExitCode.ShouldBe(2, ended.ToString());
        ended.StandardError.ShouldContain($"render.sh: the report's history {history} is not a file this user can read and append to");
        ended.StandardError.ShouldContain($"run.sh: the report {results}/allure-report/index.html was not rendered");
        ended.StandardOutput.ShouldNotContain("Report: ");
        (await File.ReadAllTextAsync(Path.Combine(results, "summary.txt"))).ShouldContain("1 passed, 0 failed, 0 broken");
        (await run.WaitUntilNoneLeftAsync(TimeSpan.FromSeconds(10))).ShouldBeEmpty();
    }

    [Test]
    public async Task T1_a_results_folder_another_user_owns_with_a_planted_lock_link_is_refused_and_the_victim_untouched()
    {
        // nobody's folder, made to look like run.sh's: root must neither write through the link nor trust the folder
        // (its owner could chmod it later and read every transcript).
        var victim = Path.Combine(_work, "victim.txt");
        await File.WriteAllTextAsync(victim, "root's file\n");
        var results = Path.Combine(_work, "results");
        LastRun(results);
        File.SetUnixFileMode(results, (UnixFileMode)Convert.ToInt32("755", 8)); // whatever the umask the tests run under
        File.CreateSymbolicLink(Path.Combine(results, ".backup-acceptance-lock"), victim);
        await ShAsync("chown", "-h", "-R", "nobody", results);

        var run = await RunAsync(results);

        Refusal(run, $"run.sh: the results folder {results} is refused: it is not root's (owner nobody (uid 65534), mode 0755): its owner could plant links in it or read what the run writes; use a folder of root's (BACKUP_ACCEPTANCE_RESULTS)");
        (await File.ReadAllTextAsync(victim)).ShouldBe("root's file\n");
        File.ReadAllText(Path.Combine(results, "summary.txt")).ShouldBe("the last run\n");

        // root's own folder with a link in it (planted before it was root's): refused too, the link not followed.
        await ShAsync("chown", "-R", "root", results);
        run = await RunAsync(results);
        Refusal(run, $"run.sh: the results folder {results} is refused: its .backup-acceptance-lock is a symbolic link (to {victim}), which run.sh never makes; remove it or name another folder (BACKUP_ACCEPTANCE_RESULTS)");
        (await File.ReadAllTextAsync(victim)).ShouldBe("root's file\n");
    }

    [Test]
    public async Task T1_a_results_folder_under_a_folder_others_may_write_or_own_is_refused()
    {
        var open = Path.Combine(_work, "open");
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, (UnixFileMode)Convert.ToInt32("777", 8));
        var run = await RunAsync(Path.Combine(open, "results"));
        Refusal(run, $"run.sh: the results folder {open}/results is refused: {open} (owner root (uid 0), mode 0777) is writable by its group or others and has no sticky bit: they could swap what the run writes there; tighten it or use another folder (BACKUP_ACCEPTANCE_RESULTS)");
        Directory.Exists(Path.Combine(open, "results")).ShouldBeFalse();

        File.SetUnixFileMode(open, (UnixFileMode)Convert.ToInt32("755", 8));
        await ShAsync("chown", "nobody", open);
        run = await RunAsync(Path.Combine(open, "results"));
        Refusal(run, $"run.sh: the results folder {open}/results is refused: {open} (owner nobody (uid 65534), mode 0755) belongs to another user than root, who could swap or read what the run writes there; use a folder of root's (BACKUP_ACCEPTANCE_RESULTS)");

        // The history's folder and the evidence folder are held to the same rule.
        run = await RunAsync(Path.Combine(_work, "results"), history: Path.Combine(open, "history.jsonl"));
        Refusal(run, $"run.sh: the history {open}/history.jsonl is refused: {open} (owner nobody (uid 65534), mode 0755) belongs to another user than root, who could swap or read what the run writes there; use a folder of root's (BACKUP_ACCEPTANCE_ALLURE_HISTORY)");
        LastRun(Path.Combine(_work, "last"));
        var evidence = await RunScript.RunAsync(["evidence"], new Dictionary<string, string?>(Settings(Path.Combine(_work, "last")))
            { ["BACKUP_ACCEPTANCE_EVIDENCE_DIR"] = open }, TimeSpan.FromMinutes(1));
        evidence.ExitCode.ShouldBe(2, evidence.ToString());
        evidence.StandardError.Trim().ShouldBe($"run.sh: evidence: the folder {open} is refused: {open} (owner nobody (uid 65534), mode 0755) belongs to another user than root, who could swap or read what the run writes there; use a folder of root's (BACKUP_ACCEPTANCE_EVIDENCE_DIR)");
        Directory.EnumerateFileSystemEntries(open).ShouldBeEmpty();
    }

    [Test]
    public async Task Evidence_tightens_its_folder_and_archive()
    {
        var last = Path.Combine(_work, "last");
        LastRun(last);
        var evidence = Path.Combine(_work, "evidence");
        Directory.CreateDirectory(evidence);
        File.SetUnixFileMode(evidence, (UnixFileMode)Convert.ToInt32("755", 8));

        var run = await RunScript.RunAsync(["evidence"], new Dictionary<string, string?>(Settings(last)) { ["BACKUP_ACCEPTANCE_EVIDENCE_DIR"] = evidence },
            TimeSpan.FromMinutes(1));

        run.ExitCode.ShouldBe(0, run.ToString());
        Convert.ToString(Mode(evidence) & 0xFFF, 8).ShouldBe("700");
        Directory.EnumerateFiles(evidence).Select(f => Convert.ToString(Mode(f) & 0xFFF, 8)).ShouldBe(["600"]);
    }

    [Test]
    public async Task R2_a_results_folder_that_is_a_link_is_emptied_and_a_failed_build_never_reads_the_old_summary()
    {
        // The last run FAILed; this one's build fails (an argument MSBuild does not know): exit 2, not the old 1.
        var real = Path.Combine(_work, "real");
        LastRun(real);
        await File.WriteAllTextAsync(Path.Combine(real, "summary.txt"), "FAIL  Old / a failure\n0 passed, 1 failed, 0 broken\n");
        await File.WriteAllTextAsync(Path.Combine(real, "exit-code"), "1\n");
        await File.WriteAllTextAsync(Path.Combine(real, "shard.txt"), "shard 1/2 features 0 tags \n");
        var results = Path.Combine(_work, "results");
        File.CreateSymbolicLink(results, real);

        var run = await RunScript.RunAsync(["--features", Path.Combine(_work, "quick.feature"), "--quiet", "--", "--no-such-switch"],
            Settings(results), TimeSpan.FromMinutes(2));

        run.ExitCode.ShouldBe(2, run.ToString());
        run.StandardError.ShouldContain($"run.sh: no summary in {real}", customMessage: run.ToString());
        File.Exists(Path.Combine(real, "summary.txt")).ShouldBeFalse();
        File.Exists(Path.Combine(real, "shard.txt")).ShouldBeFalse();
        (await File.ReadAllTextAsync(Path.Combine(real, "exit-code"))).ShouldBe("2\n");
    }

    [Test]
    public async Task R4_features_or_a_history_inside_the_results_folder_are_refused_and_kept()
    {
        var results = Path.Combine(_work, "results");
        LastRun(results);
        var feature = Path.Combine(results, "mine.feature");
        await File.WriteAllTextAsync(feature, Quick);
        var history = Path.Combine(results, "history.jsonl");
        await File.WriteAllTextAsync(history, "{}\n");

        var run = await RunAsync(results, features: feature);
        Refusal(run, $"run.sh: --features: {feature} lies inside the results folder {results}, which the run empties first; keep it elsewhere");
        run = await RunAsync(results, history: history);
        Refusal(run, $"run.sh: BACKUP_ACCEPTANCE_ALLURE_HISTORY: {history} lies inside the results folder {results}, which the run empties first; keep it elsewhere");
        File.Exists(feature).ShouldBeTrue();
        File.Exists(history).ShouldBeTrue();
    }

    [Test]
    public async Task A_step_summary_that_cannot_be_written_after_a_FAIL_keeps_exit_1()
    {
        var feature = Path.Combine(_work, "fail.feature");
        await File.WriteAllTextAsync(feature, """
            Feature: Fails
              Scenario: etc holds more than there is
                Given ba-daily config for localhost /etc
                Then the backup contains at least 100000000 files
            """);
        var settings = Settings(Path.Combine(_work, "results"));
        settings["GITHUB_STEP_SUMMARY"] = Path.Combine(_work, "no-such-folder", "summary.md");

        var run = await RunScript.RunAsync(["--features", feature, "--quiet", .. RunScript.Prebuilt], settings, TimeSpan.FromMinutes(4));

        run.ExitCode.ShouldBe(1, run.ToString());
        run.StandardError.ShouldContain($"run.sh: the job's step summary {settings["GITHUB_STEP_SUMMARY"]} could not be written", customMessage: run.ToString());
        run.StandardError.ShouldNotContain("stopped at line");
    }

    /// <summary>One scenario whose data check sleeps 15 s, with a command line no other run has.</summary>
    private async Task<(string Feature, string Sleep)> SlowFeatureAsync()
    {
        var sleep = $"sleep 15.{Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture)}";
        var feature = Path.Combine(_work, "slow.feature");
        await File.WriteAllTextAsync(feature, $$"""
            Feature: Slow
              Scenario: a slow data check
                Given ba-daily config for localhost /etc
                When the file "passwd" is restored
                Then the restored "passwd" passes "sh -c '{{sleep}}' _ {}"
            """);
        return (feature, sleep);
    }

    private static void LastRun(string results)
    {
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, ".backup-acceptance-results"), "");
        File.WriteAllText(Path.Combine(results, "summary.txt"), "the last run\n");
    }

    private Dictionary<string, string?> Settings(string results, string? history = null, string? group = null) => new()
    {
        ["BACKUP_ACCEPTANCE_RESULTS"] = results,
        ["BACKUP_ACCEPTANCE_ALLURE_HISTORY"] = history ?? Path.Combine(_work, "history.jsonl"),
        ["BACKUP_ACCEPTANCE_COUNT_HISTORY"] = Path.Combine(_work, "counts.jsonl"),
        ["BACKUP_ACCEPTANCE_RESULTS_GROUP"] = group,
    };

    private Task<RunScriptResult> RunAsync(string results, string? history = null, string? features = null, TimeSpan? timeout = null, string? group = null) =>
        RunScript.RunAsync(["--features", features ?? Path.Combine(_work, "quick.feature"), "--quiet", .. RunScript.Prebuilt], Settings(results, history, group),
            timeout ?? TimeSpan.FromMinutes(1));

    /// <summary>Exit 2 with that one sentence, at once (before the build), and no process of the run left.</summary>
    private static void Refusal(RunScriptResult run, string sentence)
    {
        run.ExitCode.ShouldBe(2, run.ToString());
        run.StandardError.Trim().ShouldBe(sentence, run.ToString());
        run.Took.ShouldBeLessThan(Refused);
    }

    private async Task<string> MountAsync(string size)
    {
        var point = Path.Combine(_work, $"mnt{_mounts.Count}");
        Directory.CreateDirectory(point);
        await ShAsync("mount", "-t", "tmpfs", "-o", size, "tmpfs", point);
        _mounts.Add(point);
        return point;
    }

    private static async Task ShAsync(string program, params string[] arguments) =>
        await Cli.Wrap(program).WithArguments(arguments).ExecuteAsync();

    private static IEnumerable<string> Entries(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Prepend(root);

    /// <summary>Permission bits and setgid (File.GetUnixFileMode has them both).</summary>
    private static int Mode(string path) => (int)File.GetUnixFileMode(path);

    private static async Task<string> NotOfGroupAsync(string group, params string[] paths) =>
        (await Cli.Wrap("find").WithArguments([.. paths, "!", "-group", group]).ExecuteBufferedAsync()).StandardOutput.Trim();
}
