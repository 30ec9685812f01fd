using BackupAcceptance.Tests.Support;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Run;

/// <summary>run.d/layout.sh: a folder laid out as a release runs the published suite with dotnet test's options
/// turned into the runner's, keeps the site's data outside itself by default (never over what is set), and refuses
/// what needs the source tree; a source tree keeps dotnet test and its own folders.</summary>
public sealed class ReleaseLayoutTests
{
    private string _root = "";

    [SetUp]
    public void Create() => _root = Directory.CreateTempSubdirectory("ba-layout-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_root, recursive: true);

    private const string DotnetTestArguments =
        "test \"$ROOT/src/BackupAcceptance.Suite\" --disable-build-servers --logger 'trx;LogFileName=suite.trx' " +
        "--results-directory /r --filter 'TestCategory=etc&TestCategory!=slow' --seed 3";

    [Test]
    public async Task A_release_runs_the_published_suite_with_the_runners_options()
    {
        MakeRelease();
        var lines = await Layout($"suite_command {DotnetTestArguments}; printf '%s\\n' \"${{SUITE_COMMAND[@]}}\"");
        lines.ShouldBe([
            $"{_root}/programs/BackupAcceptance.Suite",
            "--results-directory", "/r",
            "--filter", "TestCategory=etc&TestCategory!=slow",
            "--seed", "3",
            "--no-ansi", "--progress", "off",
        ]);
    }

    [Test]
    public async Task A_source_tree_runs_dotnet_test_with_the_arguments_as_they_are()
    {
        var lines = await Layout($"suite_command {DotnetTestArguments}; printf '%s\\n' \"${{SUITE_COMMAND[@]}}\"");
        lines[0].ShouldBe("dotnet");
        lines.Skip(1).ShouldBe([
            "test", $"{_root}/src/BackupAcceptance.Suite", "--disable-build-servers", "--logger", "trx;LogFileName=suite.trx",
            "--results-directory", "/r",
            "--filter", "TestCategory=etc&TestCategory!=slow", "--seed", "3",
        ]);
    }

    [Test]
    public async Task A_release_keeps_the_site_data_outside_itself_unless_told_otherwise()
    {
        MakeRelease();
        var defaults = await Layout("release_defaults; echo \"$BACKUP_ACCEPTANCE_FEATURES\"; echo \"$RESULTS\"; echo \"$BACKUP_ACCEPTANCE_ALLURE_HISTORY\"; echo \"$BACKUP_ACCEPTANCE_COUNT_HISTORY\"");
        defaults.ShouldBe(["/etc/backup-acceptance/features", "/var/lib/backup-acceptance/results",
            "/var/lib/backup-acceptance/history/history.jsonl", "/var/lib/backup-acceptance/history/counts.jsonl"]);
        var told = await Layout("release_defaults; echo \"$BACKUP_ACCEPTANCE_FEATURES\"; echo \"$RESULTS\"",
            ("BACKUP_ACCEPTANCE_FEATURES", "/site/features"), ("BACKUP_ACCEPTANCE_RESULTS", "/site/results"));
        told.ShouldBe(["/site/features", "/site/results"]);
    }

    [Test]
    public async Task A_source_tree_keeps_its_own_defaults()
    {
        (await Layout("release_defaults; echo \"features=${BACKUP_ACCEPTANCE_FEATURES:-}\"")).ShouldBe(["features="]);
    }

    [Test]
    public async Task What_needs_the_source_tree_is_refused_in_a_release_only()
    {
        MakeRelease();
        var refused = await Run("release_refuses demo; echo not-reached");
        refused.ExitCode.ShouldBe(2);
        refused.StandardError.ShouldContain("'demo' needs the source tree");
        (await Layout("release_refuses baseline; echo allowed")).ShouldBe(["allowed"]);
        File.Delete(Path.Combine(_root, "RELEASE"));
        (await Layout("release_refuses demo; echo allowed")).ShouldBe(["allowed"]);
    }

    /// <summary>RELEASE and an executable programs/BackupAcceptance.Suite: what layout.sh knows a release by.</summary>
    private void MakeRelease()
    {
        File.WriteAllText(Path.Combine(_root, "RELEASE"), "backup-acceptance 1.0\n");
        var suite = Path.Combine(_root, "programs", "BackupAcceptance.Suite");
        Directory.CreateDirectory(Path.GetDirectoryName(suite)!);
        File.WriteAllText(suite, "#!/bin/sh\n");
        File.SetUnixFileMode(suite, UnixFileMode.UserRead | UnixFileMode.UserExecute);
    }

    private async Task<string[]> Layout(string script, params (string Name, string Value)[] environment)
    {
        var result = await Run(script, environment);
        result.ExitCode.ShouldBe(0, result.StandardError);
        return result.StandardOutput.TrimEnd('\n').Split('\n');
    }

    /// <summary>SCRIPT after run.d/report.sh and run.d/layout.sh are sourced as run.sh sources them, with ROOT the
    /// test's folder and no BACKUP_ACCEPTANCE_* variable but those given.</summary>
    private async Task<BufferedCommandResult> Run(string script, params (string Name, string Value)[] environment)
    {
        var prelude = "set -Eeuo pipefail; die() { printf 'run.sh: %s\\n' \"$*\" >&2; exit 2; }; " +
                      "for v in ${!BACKUP_ACCEPTANCE_@}; do unset \"$v\"; done; " +
                      $"ROOT='{_root}'; RESULTS=\"$ROOT/results\"; " +
                      string.Concat(environment.Select(e => $"export {e.Name}='{e.Value}'; ")) +
                      $"source '{Repository.Root}/run.d/report.sh'; source '{Repository.Root}/run.d/layout.sh'; ";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Cli.Wrap("bash").WithArguments(["-c", prelude + script])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);
    }
}
