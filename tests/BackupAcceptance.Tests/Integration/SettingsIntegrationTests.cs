using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// The settings file as a site writes it, in a scratch folder named by BACKUP_ACCEPTANCE_SETTINGS, through ./run.sh:
/// its values are used and recorded with their line, the environment wins over it, a bad value stops the run as an
/// input error naming it (exit 2, no stack trace), and an unknown key or a file others may write is refused before
/// anything runs. Nothing of the caller's BACKUP_ACCEPTANCE_ environment reaches these runs: only the file and what
/// each test sets.
/// </summary>
[Category("Integration")]
[Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
public sealed class SettingsIntegrationTests
{
    private string _work = "";
    private string _file = "";

    [SetUp]
    public void Create()
    {
        _work = Directory.CreateTempSubdirectory("ba-settings-").FullName;
        _file = Path.Combine(_work, "settings.conf");
    }

    [TearDown]
    public void Remove() => Directory.Delete(_work, recursive: true);

    private string Results => Path.Combine(_work, "results");

    /// <summary>A site's file: its features, results and histories in the scratch folder, and <paramref name="more"/>.</summary>
    private async Task WriteSettingsAsync(params string[] more)
    {
        var features = Path.Combine(_work, "features");
        Directory.CreateDirectory(features);
        await File.WriteAllTextAsync(Path.Combine(features, "etc.feature"), """
            Feature: Site
              Scenario: etc holds files
                Given ba-daily config for localhost /etc
                Then the backup contains at least one file
            """);
        await File.WriteAllLinesAsync(_file, [
            "# backup-acceptance settings of this test",
            $"features = {features}",
            $"results = {Results}",
            "",
            $"allure-history = \"{Path.Combine(_work, "history.jsonl")}\"",
            $"count_history = {Path.Combine(_work, "counts.jsonl")}",
            .. more,
        ]);
        File.SetUnixFileMode(_file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>./run.sh with the file named, the caller's own settings removed, and <paramref name="environment"/>.</summary>
    private Task<RunScriptResult> RunAsync(string[] arguments, params (string Name, string Value)[] environment)
    {
        var variables = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("BACKUP_ACCEPTANCE_", StringComparison.Ordinal) && name != "BACKUP_ACCEPTANCE_RUN_ID")
            .ToDictionary(name => name, _ => (string?)null);
        variables["BACKUP_ACCEPTANCE_SETTINGS"] = _file;
        foreach (var (name, value) in environment) variables[name] = value;
        return RunScript.RunAsync(arguments, variables, TimeSpan.FromMinutes(5));
    }

    [Test]
    public async Task A_value_from_the_file_is_used_and_recorded_and_the_environment_wins_over_it()
    {
        RealAmanda.Require();
        await WriteSettingsAsync("command_timeout = 77", "walk_sessions = 2");
        var run = await RunAsync(["--quiet"], ("BACKUP_ACCEPTANCE_WALK_SESSIONS", "1"));
        run.ExitCode.ShouldBe(0, run.ToString());
        run.StandardOutput.ShouldBeEmpty("--quiet says nothing when every scenario passed");
        (await File.ReadAllTextAsync(Path.Combine(Results, "summary.txt"))).ShouldContain("1 passed, 0 failed, 0 broken"); // the features and results the file names
        var recorded = await File.ReadAllLinesAsync(Path.Combine(Results, "settings.txt"));
        recorded.ShouldContain($"command_timeout = 77 from {_file} line 7");
        recorded.ShouldContain($"results = {Results} from {_file} line 3");
        recorded.ShouldContain("walk_sessions = 1 from environment");
        recorded.ShouldContain("extract_timeout = (default: 3600)");
        File.Exists(Path.Combine(_work, "history.jsonl")).ShouldBeTrue("the report's history goes where the file says (a quoted value)");
        var environment = await File.ReadAllTextAsync(Path.Combine(Results, "allure-results", "environment.properties"));
        environment.ShouldContain($"settings.command_timeout=77 from {_file} line 7");
        environment.ShouldContain("settings.walk_sessions=1 from environment");
    }

    [Test]
    public async Task A_bad_value_stops_the_run_as_an_input_error_naming_it_and_its_line()
    {
        await WriteSettingsAsync("command_timeout = abc");
        var run = await RunAsync([]);
        run.ExitCode.ShouldBe(2, run.ToString());
        run.StandardOutput.ShouldContain("BROKEN settings / BACKUP_ACCEPTANCE_COMMAND_TIMEOUT");
        run.StandardOutput.ShouldContain($"Input error: BACKUP_ACCEPTANCE_COMMAND_TIMEOUT: 'abc' is not a positive number of seconds ({_file} line 7)");
        run.StandardOutput.ShouldContain("0 passed, 0 failed, 1 broken");
        (run.StandardOutput + run.StandardError).ShouldNotContain("   at ", customMessage: "a sentence, never a stack trace");
    }

    [Test]
    public async Task A_bad_value_in_the_environment_is_named_as_the_environment_s()
    {
        await WriteSettingsAsync("command_timeout = 90");
        var run = await RunAsync([], ("BACKUP_ACCEPTANCE_COMMAND_TIMEOUT", "soon"));
        run.ExitCode.ShouldBe(2, run.ToString());
        run.StandardOutput.ShouldContain("Input error: BACKUP_ACCEPTANCE_COMMAND_TIMEOUT: 'soon' is not a positive number of seconds (environment)");
    }

    [Test]
    public async Task An_unknown_key_is_refused_by_name_and_line_before_anything_runs()
    {
        await WriteSettingsAsync("command_timeout = 90", "comand_timeout = 90");
        var run = await RunAsync([]);
        run.ExitCode.ShouldBe(2, run.ToString());
        run.StandardError.ShouldContain($"the settings file {_file}, line 8: unknown key 'comand_timeout'");
        Directory.Exists(Results).ShouldBeFalse("refused before the results folder is made");
    }

    [TestCase("file")]
    [TestCase("folder")]
    public async Task A_settings_file_other_users_may_write_is_refused(string open)
    {
        await WriteSettingsAsync();
        var writable = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        if (open == "file") File.SetUnixFileMode(_file, File.GetUnixFileMode(_file) | writable);
        else File.SetUnixFileMode(_work, File.GetUnixFileMode(_work) | writable);
        var run = await RunAsync([]);
        run.ExitCode.ShouldBe(2, run.ToString());
        run.StandardError.ShouldContain($"the settings file {_file} is refused: {(open == "file" ? _file : _work)} (");
        run.StandardError.ShouldContain("is writable by its group or others");
        Directory.Exists(Results).ShouldBeFalse("refused before the results folder is made");
    }

    [Test]
    public async Task A_named_file_that_is_missing_is_an_error()
    {
        var run = await RunAsync([]);
        run.ExitCode.ShouldBe(2, run.ToString());
        run.StandardError.ShouldContain($"the settings file {_file} (BACKUP_ACCEPTANCE_SETTINGS) does not exist");
    }
}
