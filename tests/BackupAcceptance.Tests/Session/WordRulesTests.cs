using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Session;

/// <summary>Words are words (issue 24, I2): a config, host or disk that amrecover would read as an option or as syntax
/// is refused before any amrecover starts, by the target (the Given step) and again where the command line is built.</summary>
public sealed class WordRulesTests
{
    [TestCase("-odebug_amrecover=9", "starts with '-'")]
    [TestCase("-sevil.invalid", "starts with '-'")]
    [TestCase("--x", "starts with '-'")]
    [TestCase("-", "starts with '-'")]
    [TestCase("dai\u0001ly", "control character U+0001")]
    [TestCase("dai\nly", "control character U+000A")]
    [TestCase("dai\u007Fly", "control character U+007F")]
    [TestCase("dai\u0085ly", "control character U+0085")]
    [TestCase("dai\"ly", "quote")]
    [TestCase("dai'ly", "quote")]
    [TestCase("dai\\ly", "backslash")]
    [TestCase("dai ly", "whitespace")]
    [TestCase("dai\u00A0ly", "whitespace")]
    [TestCase("../ba-daily", "'/'")]
    [TestCase("ba-daily/x", "'/'")]
    [TestCase("..", "not a directory name")]
    [TestCase(".", "not a directory name")]
    [TestCase("", "is empty")]
    public void A_bad_config_word_is_refused_by_name(string config, string why)
    {
        WordRules.ConfigProblem(config).ShouldNotBeNull().ShouldContain(why);
        var refused = Should.Throw<ArgumentException>(() => new BackupTarget(config.Length == 0 ? " " : config, "localhost", "/etc"));
        refused.Message.ShouldStartWith($"Input error: the config word '{WordRules.Printable(config.Trim())}' ");
        BackupTarget.Refusal(config.Length == 0 ? " " : config, "localhost", "/etc").ShouldNotBeNull().ShouldContain("the config word");
    }

    [TestCase("-sevil.invalid", "starts with '-'")]
    [TestCase("--x", "starts with '-'")]
    [TestCase("local\thost", "control character U+0009")]
    [TestCase("local\nhost", "control character U+000A")]
    [TestCase("local host", "whitespace")]
    [TestCase("local\"host", "quote")]
    [TestCase("", "is empty")]
    public void A_bad_host_word_is_refused_by_name(string host, string why)
    {
        WordRules.HostProblem(host).ShouldNotBeNull().ShouldContain(why);
        BackupTarget.Refusal("ba-daily", host, "/etc").ShouldNotBeNull().ShouldStartWith($"the host word '{WordRules.Printable(host)}' ");
        Should.Throw<ArgumentException>(() => new BackupTarget("ba-daily", host, "/etc"));
    }

    [TestCase("-etc", "starts with '-'")]
    [TestCase("--one-file-system", "starts with '-'")]
    [TestCase("/et\nc", "control character U+000A")]
    [TestCase("/et\u001bc", "control character U+001B")]
    [TestCase("", "is empty")]
    public void A_bad_disk_word_is_refused_by_name(string disk, string why)
    {
        WordRules.DiskProblem(disk).ShouldNotBeNull().ShouldContain(why);
        BackupTarget.Refusal("ba-daily", "localhost", disk).ShouldNotBeNull().ShouldStartWith($"the disk word '{WordRules.Printable(disk)}' ");
        Should.Throw<ArgumentException>(() => new BackupTarget("ba-daily", "localhost", disk));
    }

    [TestCase("ba-daily", "localhost", "/etc")]
    [TestCase("ba-nightly", "backup.example.com", "/srv/dir with spaces")]
    [TestCase("ba-daily-net", "host-1.example.org", "x-name")]
    [TestCase("DailySet1", "localhost", "/srv/x-name")]
    [TestCase("ba-daily", "localhost", "/srv/ünïcødé-dir")]
    [TestCase("ba-daily", "localhost", "/srv/quote\"d and back\\slash")]
    [TestCase("ba-daily", "localhost", "//server/share")]
    public void Plain_words_make_a_target(string config, string host, string disk)
    {
        BackupTarget.Refusal(config, host, disk).ShouldBeNull();
        var target = new BackupTarget(config, host, disk);
        (target.Config, target.Host, target.Disk).ShouldBe((config, host, disk));
    }

    [Test]
    public void A_refused_word_is_shown_without_its_control_characters() =>
        WordRules.Printable("a\nb\tc\u0001d\u007f").ShouldBe("a\\nb\\tc\\u0001d\\u007f");

    [TestCase("-odebug_amrecover=9", "localhost")]
    [TestCase("--", "localhost")]
    [TestCase("ba-daily", "-sevil.invalid")]
    [TestCase("da\nily", "localhost")]
    [TestCase("ba-daily", "local\u0001host")]
    public void The_command_line_never_carries_a_word_starting_with_a_dash(string config, string host)
    {
        var process = new AmrecoverProcess(new AmrecoverOptions(), config, host);
        Should.Throw<ArgumentException>(() => process.Describe()).Message.ShouldContain("is not passed to amrecover");
    }

    [Test]
    public void Servers_from_the_environment_are_held_to_the_same_rule()
    {
        Should.Throw<ArgumentException>(() => new AmrecoverProcess(new AmrecoverOptions { IndexServer = "-oauth=bsdtcp" }, "ba-daily", "localhost").Describe());
        Should.Throw<ArgumentException>(() => new AmrecoverProcess(new AmrecoverOptions { TapeServer = "-x" }, "ba-daily", "localhost").Describe());
    }

    [Test]
    public void Plain_words_make_the_usual_command_line() =>
        new AmrecoverProcess(new AmrecoverOptions { IndexServer = "backup.example.com" }, "ba-daily", "host-1.example.com").Describe()
            .ShouldBe("amrecover ba-daily -h host-1.example.com -s backup.example.com");

    [Test]
    public void Behind_a_prefix_the_env_words_carry_the_runs_id_for_its_watchdog()
    {
        var process = new AmrecoverProcess(new AmrecoverOptions { CommandPrefix = ["sudo", "-n"], AmrecoverPath = "/usr/sbin/amrecover" }, "ba-daily", "localhost");
        var (target, arguments) = process.CommandLine("run-42-abc/suite/host-7.x");
        target.ShouldBe("sudo");
        arguments.ShouldBe(["-n", "env", "PAGER=exec /bin/cat", "TERM=xterm", "BACKUP_ACCEPTANCE_RUN_ID=run-42-abc/suite/host-7.x", "/usr/sbin/amrecover", "ba-daily", "-h", "localhost"]);
        process.CommandLine(null).Arguments.ShouldBe(["-n", "env", "PAGER=exec /bin/cat", "TERM=xterm", "/usr/sbin/amrecover", "ba-daily", "-h", "localhost"]);
        process.CommandLine("").Arguments.ShouldNotContain(w => w.StartsWith("BACKUP_ACCEPTANCE_RUN_ID", StringComparison.Ordinal));
    }

    [TestCase("run 42")]
    [TestCase("run-42\nTERM=dumb")]
    [TestCase("run-42\\n")]
    [TestCase("run;rm")]
    [TestCase("run$(x)")]
    public void A_run_id_beyond_letters_digits_dot_slash_dash_is_refused(string runId)
    {
        var process = new AmrecoverProcess(new AmrecoverOptions { CommandPrefix = ["sudo", "-n"] }, "ba-daily", "localhost");
        Should.Throw<ArgumentException>(() => process.CommandLine(runId.Replace("\\n", "\n", StringComparison.Ordinal))).Message.ShouldContain("BACKUP_ACCEPTANCE_RUN_ID may hold only");
    }

    [Test]
    public void Without_a_prefix_no_env_words_are_added() =>
        new AmrecoverProcess(new AmrecoverOptions(), "ba-daily", "localhost").CommandLine("run-1").Arguments.ShouldBe(["ba-daily", "-h", "localhost"]);

    [Test]
    public async Task A_session_with_a_refused_word_starts_no_process()
    {
        // A stand-in that records being started: it must never run.
        var scratch = Directory.CreateTempSubdirectory("ba-word-witness-").FullName;
        try
        {
            var witness = Path.Combine(scratch, "started");
            var program = Path.Combine(scratch, "amrecover");
            await File.WriteAllTextAsync(program, $"#!/bin/sh\ntouch '{witness}'\n");
            File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var options = new AmrecoverOptions { AmrecoverPath = program, StartTimeout = TimeSpan.FromSeconds(5) };

            await Should.ThrowAsync<ArgumentException>(() => AmrecoverSession.StartAsync(options, "-odebug_amrecover=9", "localhost", CancellationToken.None));
            await Should.ThrowAsync<ArgumentException>(() => AmrecoverSession.StartAsync(options, "ba-daily", "-sevil.invalid", CancellationToken.None));
            File.Exists(witness).ShouldBeFalse();

            // The control: with plain words the same stand-in is started (it exits at once, a failed start).
            await Should.ThrowAsync<AmrecoverException>(() => AmrecoverSession.StartAsync(options, "ba-daily", "localhost", CancellationToken.None));
            File.Exists(witness).ShouldBeTrue();
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
