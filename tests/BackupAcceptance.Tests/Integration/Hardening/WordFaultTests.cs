using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration.Hardening;

/// <summary>
/// Issue 24, I2, through ./run.sh: a config, host or disk word that amrecover would read as an option is an Input error
/// (broken, exit 2) before any amrecover starts. The proof that none started: BACKUP_ACCEPTANCE_AMRECOVER points at a
/// wrapper that writes its arguments to a file before it runs the real amrecover; the control with plain words shows
/// the same wrapper is called.
/// </summary>
[Category("Integration")]
[Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
public sealed class WordFaultTests
{
    private string _work = "";
    private string _calls = "";
    private Dictionary<string, string> _environment = [];

    [SetUp]
    public async Task Wrapper()
    {
        RealAmanda.Require();
        _work = Directory.CreateTempSubdirectory("ba-word-faults-").FullName;
        _calls = Path.Combine(_work, "amrecover-calls");
        var wrapper = Path.Combine(_work, "amrecover");
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{_calls}'\nexec /usr/sbin/amrecover \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _environment = new() { ["BACKUP_ACCEPTANCE_AMRECOVER"] = wrapper, ["BACKUP_ACCEPTANCE_CACHE"] = "off" };
    }

    [TearDown]
    public void Remove() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task Words_amrecover_would_read_as_options_are_input_errors_and_start_no_amrecover()
    {
        var mark = Guid.NewGuid().ToString("N");
        var run = await AreaWordRunner.RunAsync(_work, """
            Feature: Words
              Scenario: A client option as the config
                Given -odebug_amrecover=9 config for localhost /etc
                Then the backup contains at least one file

              Scenario: Another index server as the config
                Given -sevil.invalid config for localhost /etc
                Then the backup contains at least one file

              Scenario: An option as the host
                Given ba-daily config for -sevil.invalid /etc
                Then the backup contains at least one file

              Scenario: An option as the disk
                Given ba-daily config for localhost -etc
                Then the backup contains at least one file

              Scenario: A quoted disk that starts with dashes
                Given ba-daily config for localhost "--one-file-system /etc"
                Then the backup contains at least one file

              Scenario: A client option as the estate's config
                Given every disk of -odebug_amrecover=9 config
                Then every disk has a dump no older than 26 hours with at least 1 file
            """, _environment, mark);

        run.ExitCode.ShouldBe(2, run.Console);
        run.Summary.ShouldContain("0 passed, 0 failed, 6 broken; amrecover started 0 time(s)", customMessage: run.Summary);
        Broken(run, "A client option as the config", "the config word '-odebug_amrecover=9' starts with '-'");
        Broken(run, "Another index server as the config", "the config word '-sevil.invalid' starts with '-'");
        Broken(run, "An option as the host", "the host word '-sevil.invalid' starts with '-'");
        Broken(run, "An option as the disk", "the disk word '-etc' starts with '-'");
        Broken(run, "A quoted disk that starts with dashes", "the disk word '--one-file-system /etc' starts with '-'");
        Broken(run, "A client option as the estate's config", "the config word '-odebug_amrecover=9' starts with '-'");
        File.Exists(_calls).ShouldBeFalse("no amrecover was started");
        run.Took.ShouldBeLessThan(TimeSpan.FromMinutes(3), "refused before any amrecover (build and report included)");
        (await AreaWordRunner.LeftRunningAsync(mark)).ShouldBeEmpty();
    }

    [Test]
    public async Task The_same_wrapper_runs_for_plain_words()
    {
        var mark = Guid.NewGuid().ToString("N");
        var run = await AreaWordRunner.RunAsync(_work, """
            Feature: Words
              Scenario: Plain words
                Given ba-daily config for localhost /etc
                Then the backup contains at least one file
            """, _environment, mark);

        run.ExitCode.ShouldBe(0, run.Console + run.Summary);
        var calls = (await File.ReadAllLinesAsync(_calls)).ToList();
        calls.ShouldNotBeEmpty();
        calls.ShouldAllBe(c => c == "ba-daily -h localhost");
        (await AreaWordRunner.LeftRunningAsync(mark)).ShouldBeEmpty();
    }

    private static void Broken(FrontDoorRun run, string scenario, string found)
    {
        var block = run.Block(scenario);
        block.ShouldStartWith("BROKEN", customMessage: block);
        block.ShouldContain($"Input error: scenario '{scenario}': expected a config, host and disk that amrecover reads as plain words; found {found}",
            customMessage: block);
    }
}
