using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>"Then the restored X passes CMD" through the real suite: restored /etc/passwd passes a check it must
/// pass and fails one it must fail (Data check failed, with the output); the command runs as nobody, without network,
/// with no shell unless asked; a missing command or a path that was not restored is an input error; a command that
/// hangs is killed at the data-check timeout.</summary>
[Category("Integration")]
[Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
public sealed class DataCommandIntegrationTests
{
    [Test]
    public async Task Restored_data_is_judged_by_its_own_tool()
    {
        RealAmanda.Require();
        var work = Directory.CreateTempSubdirectory("ba-data-command-").FullName;
        // This run's own hanging command: a plain "sleep 60" may be anyone's on a shared machine.
        var hang = $"sleep 60.{Random.Shared.Next(100_000, 999_999)}";
        // Its own restore root, for the same reason: what is left there is this run's.
        var restoreRoot = Directory.CreateDirectory(Path.Combine(work, "restore")).FullName;
        try
        {
            string Scenario(string name, string path, string command) => $"""
                  Scenario: {name}
                    Given ba-daily config for localhost /etc
                    When the file "passwd" is restored
                    Then the restored "{path}" passes "{command}"

                """;
            string SqliteScenario(string name, string file, string command) => $"""
                  Scenario: {name}
                    Given ba-daily config for localhost /srv/fixtures/sqlite
                    When the file "{file}" is restored
                    Then the restored "{file}" passes "{command}"

                """;
            var feature = Path.Combine(work, "data.feature");
            await File.WriteAllTextAsync(feature, "Feature: Data\n\n" + string.Concat(
                Scenario("passes", "passwd", "grep -q ^root: {}"),
                Scenario("fails", "passwd", "grep -q ^no-such-user-here: {}"),
                Scenario("nobody", "passwd", "sh -c 'test $(id -un) = nobody && test -r $1' _ {}"),
                Scenario("no network", "passwd", "sh -c 'test $(grep -c : /proc/net/dev) -eq 1' _ {}"),
                Scenario("clean environment", "passwd", "sh -c 'test -z ${BACKUP_ACCEPTANCE_RESULTS:-} && test $HOME = /nonexistent' _ {}"),
                Scenario("only a copy", "passwd", "sh -c 'test $(ls $(dirname $1) | wc -l) -eq 1 && rm $1' _ {}"),
                Scenario("no shell", "passwd", "test -e {} ; false"),
                Scenario("missing command", "passwd", "no-such-command-here {}"),
                Scenario("not restored", "group", "test -e {}"),
                Scenario("no braces", "passwd", "true"),
                Scenario("braces in a script", "passwd", "sh -c 'test -s {}'"),
                Scenario("hangs", "passwd", $"sh -c '{hang}' _ {{}}"))
                + SqliteScenario("sqlite good", "app.sqlite", "sh -c 'test $(sqlite3 $1 pragma\\ integrity_check) = ok' _ {}")
                + SqliteScenario("sqlite corrupt", "corrupt.sqlite", "sh -c 'test $(sqlite3 $1 pragma\\ integrity_check) = ok' _ {}"));
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var run = await SuiteRunner.RunAsync(feature, null, timeout.Token,
                new Dictionary<string, string> { ["BACKUP_ACCEPTANCE_DATA_CHECK_TIMEOUT"] = "3", ["BACKUP_ACCEPTANCE_RESTORE_DIR"] = restoreRoot });


            run.Status("passes").ShouldBe("passed", run.Console);
            run.Status("nobody").ShouldBe("passed", run.Message("nobody"));
            run.Status("no network").ShouldBe("passed", run.Message("no network"));
            run.Status("clean environment").ShouldBe("passed", run.Message("clean environment"));
            run.Status("only a copy").ShouldBe("passed", run.Message("only a copy"));
            run.Status("no braces").ShouldBe("broken");
            run.Message("no braces").ShouldContain("no {} in the command");
            run.Status("braces in a script").ShouldBe("broken");
            run.Message("braces in a script").ShouldContain("{} inside the sh -c script");
            // "test -e X ; false" is one command with the words ";" and "false": test says too many arguments.
            run.Status("no shell").ShouldBe("failed", run.Message("no shell"));
            run.Status("fails").ShouldBe("failed");
            run.Message("fails").ShouldStartWith("Data check failed: ba-daily localhost:/etc");
            run.Message("fails").ShouldContain("exit status 1");
            run.Status("missing command").ShouldBe("broken");
            run.Message("missing command").ShouldStartWith("Input error: ");
            run.Message("missing command").ShouldContain("could not be started");
            run.Status("not restored").ShouldBe("broken");
            run.Message("not restored").ShouldContain("/group is not a restored file");
            // A restored SQLite database that sqlite3 finds damaged fails, when the command compares its verdict (by its
            // exit status alone, integrity_check exits 0 on this corrupt file in some runs and 11 in others).
            run.Status("sqlite good").ShouldBe("passed", run.Message("sqlite good"));
            run.Status("sqlite corrupt").ShouldBe("failed");
            run.Message("sqlite corrupt").ShouldStartWith("Data check failed: ba-daily localhost:/srv/fixtures/sqlite");
            run.Status("hangs").ShouldBe("failed");
            run.Message("hangs").ShouldContain("did not finish within 3 s");

            var text = run.StepAttachment("passes", "command on restored data");
            text.ShouldStartWith("$ grep -q ^root: /");
            text.ShouldContain("without network (unshare -n)");
            text.ShouldContain("with private /tmp, /var/tmp, /dev/shm, /run/lock");
            text.ShouldContain("an empty /run and every other mount read-only");
            text.ShouldContain("as nobody with no_new_privs");

            ProcessTable.LivingWithCommandLine(hang).ShouldBeEmpty("the hanging command was killed");
            Directory.EnumerateFileSystemEntries(restoreRoot).ShouldBeEmpty("restore areas, copies and the checks' private folders are removed");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
