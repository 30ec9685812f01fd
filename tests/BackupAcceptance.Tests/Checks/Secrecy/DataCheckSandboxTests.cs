using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.DataChecks;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Core.Failures;
using System.Net.Sockets;
using BackupAcceptance.Expectations.Checks;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks.Secrecy;

/// <summary>
/// Issue 24, X2 and S2/DC1, on a restore-like area (no Amanda needed, but root: runuser and unshare): a data check
/// that writes to /tmp or /dev/shm fails as "Data check broke the rules" and nothing reaches the real ones; output that
/// quotes the restored data is withheld; 400 MB of output costs a bounded tail; an honest check still passes.
/// </summary>
[NonParallelizable]
public sealed class DataCheckSandboxTests
{
    private static readonly DataCheckLimit Limit = new(TimeSpan.FromSeconds(60), "LIMIT");

    [SetUp]
    public void Root()
    {
        if (Environment.UserName != "root") Assert.Ignore("data checks run as root (runuser -u nobody)");
    }

    /// <summary>The core's rule on files amrecover restored (the sandbox's own area beside theirs, as the suite makes it).</summary>
    private static Task<DataCheckOutcome> Check(RestoredFiles restored, string command) =>
        DataCheckRules.RequirePassesAsync(OneDump.View(), AmandaRestoredSet.Of(OneDump.Dump, restored, ""), "shadow", command, Limit,
            () => RestoreArea.Create(Path.GetDirectoryName(restored.Area.Path)), CancellationToken.None);

    [Test]
    public async Task A_link_restored_as_a_link_is_refused_before_the_command_could_follow_it_to_a_live_file()
    {
        await using var linked = await RestoredFixture.LinkAsync("shadow", "/etc/hostname");

        var failure = await Should.ThrowAsync<CheckFailedException>(() => Check(linked, "grep -q . {}"));

        failure.Category.ShouldBe(FailureCategory.InputError);
        failure.Found.ShouldContain("was restored as a link or special file");
    }

    /// <summary>The rule is the core's: a restic-like system's whole restore and its chosen files (each restored on its
    /// own, so no directory of them) are checked as Amanda's are.</summary>
    [Test]
    public async Task Data_of_any_system_is_checked_a_whole_restore_and_a_chosen_file()
    {
        var source = new Core.MemorySource();
        source.Add(DateTimeOffset.UtcNow, ("db", null), ("db/site.txt", "site 1\n"));
        var view = new BackupInView(source, SnapshotChoice.Latest, "memory transcript");
        var root = Directory.CreateTempSubdirectory("ba-data-any-").FullName;
        try
        {
            await using (var whole = await WholeRestoreRules.RestoreWholeAsync(view, () => RestoreArea.Create(root),
                             new WholeRestoreLimit(1024, "LIMIT"), CancellationToken.None))
            {
                (await DataCheckRules.RequirePassesAsync(view, whole, "db/site.txt", "grep -q '^site 1$' {}", Limit, () => RestoreArea.Create(root), CancellationToken.None))
                    .ExitCode.ShouldBe(0);
                (await DataCheckRules.RequirePassesAsync(view, whole, "/db/", "test -f {}/site.txt", Limit, () => RestoreArea.Create(root), CancellationToken.None))
                    .ExitCode.ShouldBe(0);
                (await Should.ThrowAsync<CheckFailedException>(() => DataCheckRules.RequirePassesAsync(view, whole, "db/site.txt", "grep -q '^site 2$' {}", Limit,
                    () => RestoreArea.Create(root), CancellationToken.None))).Category.ShouldBe(FailureCategory.DataCheckFailed);
            }
            await using var chosen = await RestoreRules.RestoreFileAsync(view, "db/site.txt", () => RestoreArea.Create(root), CancellationToken.None);
            var named = await DataCheckRules.RequirePassesAsync(view, chosen, "db/site.txt", "grep -q '^site 1$' {}", Limit, () => RestoreArea.Create(root), CancellationToken.None);
            named.ExitCode.ShouldBe(0);
            named.Command.ShouldEndWith("/site.txt", customMessage: "the copy keeps the backed-up name, not the restore's 0001");
            var directory = await Should.ThrowAsync<CheckFailedException>(() => DataCheckRules.RequirePassesAsync(view, chosen, "db", "test -d {}", Limit,
                () => RestoreArea.Create(root), CancellationToken.None));
            (directory.Category, directory.Found).ShouldBe((FailureCategory.InputError, "/db is not a restored file or a directory holding one (restored: /db/site.txt)"));
            Directory.EnumerateFileSystemEntries(root).Count().ShouldBe(1, "each sandbox area is removed with its check; the chosen file's area stays until disposed");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public async Task The_whole_restore_itself_is_checked_and_its_links_and_devices_are_left_out_of_the_copy()
    {
        await using var files = await RestoredFixture.CreateAsync();
        var directory = Path.Combine(files.Area.Path, "d");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "f"), "restored");
        File.CreateSymbolicLink(Path.Combine(directory, "host"), "/etc/hostname");
        await CliWrap.Cli.Wrap("mknod").WithArguments([Path.Combine(directory, "null2"), "c", "1", "3"]).ExecuteAsync();
        var whole = AmandaRestoredWhole.Of(OneDump.Dump, files, "");
        var area = Path.GetDirectoryName(files.Area.Path);

        var root = await DataCheckRules.RequirePassesAsync(OneDump.View(), whole, "/", "test -s {}/shadow", Limit, () => RestoreArea.Create(area), CancellationToken.None);
        root.ExitCode.ShouldBe(0);
        var below = await DataCheckRules.RequirePassesAsync(OneDump.View(), whole, "d", "sh -c 'test -s \"$1/f\" && test ! -e \"$1/host\" && test ! -e \"$1/null2\"' _ {}",
            Limit, () => RestoreArea.Create(area), CancellationToken.None);
        (below.ExitCode, below.LeftOut).ShouldBe((0, 2));
        var chosen = await DataCheckRules.RequirePassesAsync(OneDump.View(), AmandaRestoredSet.Of(OneDump.Dump, files, ""), "/", "test -s {}/shadow", Limit,
            () => RestoreArea.Create(area), CancellationToken.None);
        chosen.ExitCode.ShouldBe(0);
    }

    [Test]
    public async Task An_honest_check_passes_in_private_places_without_network()
    {
        await using var restored = await RestoredFixture.CreateAsync();

        var outcome = await Check(restored, "sh -c 'test -s \"$1\" && test \"$(id -un)\" = nobody && test -z \"$(ls -A /tmp | grep -vx check)\" && echo fine' _ {}");

        outcome.ExitCode.ShouldBe(0);
        outcome.Output.ShouldBe("fine");
        if (await DataCheckSandbox.Namespaces)
        {
            outcome.NetworkIsolated.ShouldBeTrue();
            outcome.PrivatePlaces.ShouldContain("/tmp");
            outcome.PrivatePlaces.ShouldContain("/dev/shm");
            outcome.Command.ShouldContain("/tmp/check/shadow");
        }
    }

    [TestCase("/tmp")]
    [TestCase("/var/tmp")]
    [TestCase("/dev/shm")]
    [TestCase("/run/lock")]
    public async Task A_check_that_copies_the_data_out_breaks_the_rules_and_leaves_nothing(string place)
    {
        if (!Directory.Exists(place)) Assert.Ignore($"{place} does not exist here");
        await using var restored = await RestoredFixture.CreateAsync();
        var name = $"x-{Guid.NewGuid():N}";

        var failure = await Should.ThrowAsync<CheckFailedException>(() =>
            Check(restored, $"sh -c 'cp \"$1\" {place}/{name} && chmod 644 {place}/{name}' _ {{}}"));

        failure.Category.ShouldBe(FailureCategory.DataCheckBrokeRules);
        failure.Category.IsBackupDefect().ShouldBeFalse();
        failure.Message.ShouldStartWith("Data check broke the rules: ba-daily localhost:/etc");
        failure.Found.ShouldContain($"1 entry in its {(await DataCheckSandbox.Namespaces ? "private " : "real ")}{place}");
        failure.Found.ShouldContain("exit status 0, which does not count");
        failure.Message.ShouldNotContain(RestoredFixture.Marker);
        failure.Found.ShouldNotContain(name, Case.Sensitive, "names are the check's words, and could spell the data");
        if (await DataCheckSandbox.Namespaces) File.Exists($"{place}/{name}").ShouldBeFalse("the real place never saw it");
        File.Delete($"{place}/{name}"); // the fallback leaves it where nobody put it
    }

    [Test]
    public async Task Output_that_quotes_the_data_is_withheld_whether_the_check_passes_or_fails()
    {
        await using var restored = await RestoredFixture.CreateAsync();

        var passed = await Check(restored, "cat {}");
        passed.Output.ShouldStartWith("[");
        passed.Output.ShouldContain("bytes of output withheld: it holds 8 or more bytes in a row that are in the restored data");
        passed.Output.ShouldNotContain(RestoredFixture.Marker);

        var failure = await Should.ThrowAsync<CheckFailedException>(() => Check(restored, "sh -c 'tail -c 20 \"$1\"; exit 3' _ {}"));
        failure.Category.ShouldBe(FailureCategory.DataCheckFailed);
        failure.Found.ShouldStartWith("exit status 3: [20 bytes of output withheld");
        failure.Message.ShouldNotContain("99999:7:::");
    }

    [Test]
    public async Task Its_own_words_are_still_quoted_when_it_fails()
    {
        await using var restored = await RestoredFixture.CreateAsync();

        var failure = await Should.ThrowAsync<CheckFailedException>(() => Check(restored, "gzip -t {}"));

        failure.Category.ShouldBe(FailureCategory.DataCheckFailed);
        failure.Found.ShouldContain("not in gzip format");
    }

    [Test]
    public async Task Four_hundred_megabytes_of_output_cost_a_bounded_tail()
    {
        await using var restored = await RestoredFixture.CreateAsync();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var outcome = await Check(restored, "sh -c 'head -c 400000000 /dev/zero | tr \"\\0\" y; echo; echo the end; test -s \"$1\"' _ {}");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        outcome.ExitCode.ShouldBe(0);
        outcome.OutputBytes.ShouldBe(400_000_009);
        outcome.Output.ShouldStartWith("[the last 65536 of 400000009 bytes of output]");
        outcome.Output.ShouldEndWith("yyy\nthe end");
        allocated.ShouldBeLessThan(32_000_000, "the tail, not the output");
    }

    [Test]
    public void The_run_id_is_the_one_variable_passed_through()
    {
        DataCheckRules.Environment(n => n == "BACKUP_ACCEPTANCE_RUN_ID" ? "run-42" : "leak")
            .ShouldBe(["PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin", "HOME=/nonexistent", "LANG=C.UTF-8", "BACKUP_ACCEPTANCE_RUN_ID=run-42"]);
        DataCheckRules.Environment(_ => null).ShouldNotContain(v => v.StartsWith("BACKUP_ACCEPTANCE_RUN_ID", StringComparison.Ordinal));
    }

    [Test]
    public async Task Without_namespaces_a_write_to_the_real_tmp_is_still_found()
    {
        var since = DateTimeOffset.UtcNow;
        await using var sandbox = await DataCheckSandbox.CreateAsync(RestoreArea.Create(Path.GetTempPath()), isolated: false, CancellationToken.None);
        var name = Path.Combine("/tmp", $"x-{Guid.NewGuid():N}");
        try
        {
            await CliWrap.Cli.Wrap("runuser").WithArguments(["-u", "nobody", "--", "touch", name]).ExecuteAsync();

            var (found, others) = await WritesAndOthersAsync(sandbox, since, name);
            if (others.Count == 0) found.ShouldContain("1 entry owned by nobody in the real /tmp, made during the check (left there)");
            Counts(found).GetValueOrDefault("/tmp").ShouldBeInRange(1, 1 + others.GetValueOrDefault("/tmp"), string.Join("\n", found));
            FoundBeyond(found, others, "/tmp").ShouldBeEmpty("elsewhere, only what other programs made");
        }
        finally
        {
            File.Delete(name);
        }
    }

    [Test]
    public async Task No_unix_socket_of_run_or_dev_log_is_reachable()
    {
        if (!File.Exists("/usr/bin/logger")) Assert.Ignore("no logger here");
        if (!await DataCheckSandbox.Namespaces) Assert.Ignore("without namespaces the sockets are the real ones (documented)");
        await using var restored = await RestoredFixture.CreateAsync();
        var folder = $"/run/ba-socket-{Guid.NewGuid():N}";
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var devLog = !File.Exists("/dev/log") && !Directory.Exists("/dev/log") && new FileInfo("/dev/log").LinkTarget is null;
        using var atRun = Listener(Path.Combine(folder, "s"));
        using var atDevLog = devLog ? Listener("/dev/log") : null;
        try
        {
            // The control: outside the sandbox nobody reaches both.
            await CliWrap.Cli.Wrap("runuser").WithArguments(["-u", "nobody", "--", "logger", "-u", Path.Combine(folder, "s"), "control"]).ExecuteAsync();
            Received(atRun).ShouldContain("control");
            if (atDevLog is not null)
            {
                await CliWrap.Cli.Wrap("runuser").WithArguments(["-u", "nobody", "--", "logger", "control"]).ExecuteAsync();
                Received(atDevLog).ShouldContain("control");
            }

            var outcome = await Check(restored, $"sh -c 'logger -u {folder}/s -f \"$1\"; logger -f \"$1\"; logger -u /var/run/{Path.GetFileName(folder)}/s -f \"$1\"; ! test -S /dev/log' _ {{}}");

            outcome.ExitCode.ShouldBe(0);
            Received(atRun).ShouldBeEmpty("the check's /run is an empty folder of root's");
            // /dev/log is the machine's: other programs log there meanwhile (runuser's PAM notes of other runs). What
            // the check would have sent is the restored file's lines, marker and all: none of them may arrive.
            if (atDevLog is not null)
            {
                var received = Received(atDevLog);
                received.ShouldNotContain(RestoredFixture.Marker, Case.Sensitive, "/dev/log is /dev/null, or dangles into the empty /run");
                received.ShouldNotContain("daemon:*:19700", Case.Sensitive, "/dev/log is /dev/null, or dangles into the empty /run");
            }
        }
        finally
        {
            if (devLog) File.Delete("/dev/log");
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task The_whole_file_system_is_read_only_but_its_private_places()
    {
        if (!await DataCheckSandbox.Namespaces) Assert.Ignore("without namespaces the file system is the real one (documented)");
        await using var restored = await RestoredFixture.CreateAsync();
        var open = $"/var/ba-open-{Guid.NewGuid():N}"; // world-writable, outside every covered place
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, (UnixFileMode)0b111_111_111);
        try
        {
            var failure = await Should.ThrowAsync<CheckFailedException>(() => Check(restored, $"cp {{}} {open}/x"));

            failure.Category.ShouldBe(FailureCategory.DataCheckFailed);
            failure.Found.ShouldContain("Read-only file system");
            Directory.EnumerateFileSystemEntries(open).ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(open, recursive: true);
        }
    }

    [Test]
    public async Task Setuid_and_setgid_programs_gain_nothing()
    {
        await using var restored = await RestoredFixture.CreateAsync();

        (await Check(restored, "sh -c 'grep -q \"^NoNewPrivs:[[:space:]]*1$\" /proc/self/status' _ {}")).ExitCode.ShouldBe(0);
        if (!File.Exists("/usr/bin/crontab")) return; // setgid crontab: Debian's cron; not on every machine
        var failure = await Should.ThrowAsync<CheckFailedException>(() => Check(restored, "sh -c 'crontab - < \"$1\"' _ {}"));
        failure.Category.ShouldBe(FailureCategory.DataCheckFailed);
        File.Exists("/var/spool/cron/crontabs/nobody").ShouldBeFalse();
    }

    [Test]
    public async Task Honest_checks_pass_gzip_sqlite3_mktemp()
    {
        await using var restored = await RestoredFixture.CreateAsync();

        (await Check(restored, "sh -c 'f=$(mktemp) && gzip -c \"$1\" > \"$f\" && gzip -t \"$f\" && rm \"$f\"' _ {}")).ExitCode.ShouldBe(0);
        if (File.Exists("/usr/bin/sqlite3"))
            (await Check(restored, "sh -c 'd=$(mktemp -d) && sqlite3 \"$d/db\" \"create table t(x); insert into t values(1);\" && test \"$(sqlite3 \"$d/db\" \"pragma integrity_check\")\" = ok && rm -r \"$d\"' _ {}")).ExitCode.ShouldBe(0);
    }

    [Test]
    public async Task Without_namespaces_a_check_on_its_copy_in_tmp_keeps_the_rules()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ba-copy-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, RestoredFixture.Content);
        try
        {
            var since = DateTimeOffset.UtcNow;
            await using var sandbox = await DataCheckSandbox.CreateAsync(RestoreArea.Create(Path.GetTempPath()), isolated: false, CancellationToken.None);
            var (copy, _) = await sandbox.CopyInAsync(file, Path.GetFileName(file), CancellationToken.None);
            var run = sandbox.CommandLine(["sh", "-c", "test -s \"$1\" && gzip -c \"$1\" > /dev/null", "_", copy], ["PATH=/usr/bin:/bin"]);

            var result = await CliWrap.Cli.Wrap(run[0]).WithArguments(run.Skip(1)).WithWorkingDirectory(sandbox.WorkingDirectory)
                .WithValidation(CliWrap.CommandResultValidation.None).ExecuteAsync();

            result.ExitCode.ShouldBe(0);
            var (found, others) = await WritesAndOthersAsync(sandbox, since);
            FoundBeyond(found, others).ShouldBeEmpty("its own copy is nobody's, made after the start: not a write");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>What the sandbox without namespaces found in the real shared places, and what the user nobody made
    /// there meanwhile that is neither this test's (<paramref name="own"/>) nor in the sandbox's area: other programs
    /// on this machine (a nightly run, another test run), looked for just before and just after the sandbox did. The
    /// sandbox counts those too, by place and never by name (names could spell restored bytes), so a test holds it to
    /// its own entries plus at most the others'; with no others, exactly its own.</summary>
    private static async Task<(IReadOnlyList<string> Found, IReadOnlyDictionary<string, int> Others)> WritesAndOthersAsync(
        DataCheckSandbox sandbox, DateTimeOffset since, params string[] own)
    {
        // The area: the copy's folder is AREA/tmp/check (root's view without namespaces); its copy is nobody's.
        var area = Path.GetDirectoryName(Path.GetDirectoryName(sandbox.CheckView))!;
        var before = await NobodysSinceAsync(since, area);
        var found = await sandbox.WritesOutsideTheCopyAsync(CancellationToken.None);
        var after = await NobodysSinceAsync(since, area);
        var others = before.Union(after).Where(e => !own.Contains(e.Path)).GroupBy(e => e.Place).ToDictionary(g => g.Key, g => g.Count());
        return (found, others);
    }

    /// <summary>Entries of the user nobody in the shared places changed since <paramref name="since"/> (a second of
    /// slack, as the sandbox), the area apart.</summary>
    private static async Task<IReadOnlyList<(string Place, string Path)>> NobodysSinceAsync(DateTimeOffset since, string area)
    {
        var listing = await CliWrap.Buffered.BufferedCommandExtensions.ExecuteBufferedAsync(CliWrap.Cli.Wrap("find").WithArguments(
            [.. DataCheckSandbox.SharedPlaces.Where(Directory.Exists), "-xdev", "-mindepth", "1", "-path", area, "-prune", "-o",
             "-user", "nobody", "-newerct", $"@{since.ToUnixTimeSeconds() - 2}", "-printf", "%H\t%p\n"])
            .WithValidation(CliWrap.CommandResultValidation.None));
        return [.. listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t', 2)).Select(p => (p[0], p[1]))];
    }

    /// <summary>"N entries owned by nobody in the real PLACE, ..." lines by place.</summary>
    private static Dictionary<string, int> Counts(IEnumerable<string> found) => found
        .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^(\d+) entr(?:y|ies) owned by nobody in the real (\S+), made during the check \(left there\)$"))
        .Where(m => m.Success).ToDictionary(m => m.Groups[2].Value, m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The lines found beyond what other programs made (a place left out: judged by the caller).</summary>
    private static IEnumerable<string> FoundBeyond(IReadOnlyList<string> found, IReadOnlyDictionary<string, int> others, string? except = null)
    {
        var counts = Counts(found);
        return found.Where(l => !counts.Any(c => l.Contains($" in the real {c.Key}, ", StringComparison.Ordinal)))
            .Concat(counts.Where(c => c.Key != except && c.Value > others.GetValueOrDefault(c.Key)).Select(c => $"{c.Value} in {c.Key}, others made {others.GetValueOrDefault(c.Key)}"));
    }

    private static Socket Listener(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
        return socket;
    }

    private static string Received(Socket socket)
    {
        var got = new System.Text.StringBuilder();
        var buffer = new byte[65536];
        while (socket.Poll(TimeSpan.FromMilliseconds(300), SelectMode.SelectRead))
            got.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, socket.Receive(buffer)));
        return got.ToString();
    }
}
