using System.Diagnostics;
using System.Text.RegularExpressions;
using BackupAcceptance.Tests.Support;
using CliWrap;
using CliWrap.Buffered;
using CliWrap.Builders;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// ./run.sh package as a site gets it: the release built once, unpacked and installed into scratch folders (program,
/// command, features, results), then run where neither the .NET SDK nor Node can be found (a PATH without them, and
/// /usr/share/dotnet empty in a mount namespace of its own) against the real demo Amanda: a good disk passes (exit 0),
/// a hollow one fails (exit 1), a baseline written by the release runs, and an upgrade keeps the site's data.
/// The package build takes 74 s to 5 minutes (a warm or a cold dist/.build, on 2 shared cores); the whole fixture 2 min warm.
/// </summary>
[Category("Integration")]
[NonParallelizable]
[Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
public sealed partial class PackageIntegrationTests
{
    private string _work = "";
    private string _command = "";
    private string _withoutSdk = "";
    private string _unpacked = "";
    private string _version = "";

    private string Etc => Path.Combine(_work, "etc");

    private string State => Path.Combine(_work, "state");

    [OneTimeSetUp]
    public async Task Build_and_install_the_release()
    {
        RealAmanda.Require();
        _work = Directory.CreateTempSubdirectory("ba-package-").FullName;
        _version = $"it-{Guid.NewGuid():N}"[..11];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var clock = Stopwatch.StartNew();
        var built = await Cli.Wrap(Path.Combine(Repository.Root, "run.sh"))
            .WithArguments(["package", "--out", Path.Combine(_work, "dist"), "--version", _version])
            .WithEnvironmentVariables(env => OwnSettingsOnly(env))
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);
        built.ExitCode.ShouldBe(0, built.StandardOutput + built.StandardError);
        TestContext.Progress.WriteLine($"package built in {clock.Elapsed.TotalSeconds:0} s: {built.StandardOutput.Trim()}");
        var tarball = Path.Combine(_work, "dist", $"backup-acceptance-{_version}-linux-x64.tar.gz");
        File.Exists(tarball).ShouldBeTrue(built.StandardOutput);

        _unpacked = Path.Combine(_work, "unpacked");
        Directory.CreateDirectory(_unpacked);
        // Unpacked as tar does for a user (their own files, writable by them), installed as root: the release must be root's.
        (await Shell(["tar", "--no-same-owner", "-xzf", tarball, "-C", _unpacked], timeout.Token)).ExitCode.ShouldBe(0);
        (await Shell(["chown", "-R", "nobody:nogroup", _unpacked], timeout.Token)).ExitCode.ShouldBe(0);
        (await Shell(["chmod", "-R", "g+w", _unpacked], timeout.Token)).ExitCode.ShouldBe(0);
        var installed = await Install(Path.Combine(_unpacked, $"backup-acceptance-{_version}"), timeout.Token);
        installed.ExitCode.ShouldBe(0, installed.StandardOutput + installed.StandardError);
        _command = Path.Combine(_work, "bin", "backup-acceptance");
        var foreign = await Shell(["find", Path.Combine(_work, "opt", "releases", _version), "(", "!", "-user", "root", "-o", "-perm", "/022", ")", "!", "-type", "l", "-print"], timeout.Token);
        foreign.StandardOutput.ShouldBeEmpty("files of the installed release another user owns or may write");

        _withoutSdk = Path.Combine(_work, "without-sdk.sh");
        await File.WriteAllTextAsync(_withoutSdk, WithoutSdkScript, timeout.Token);
        File.SetUnixFileMode(_withoutSdk, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [OneTimeTearDown]
    public void Remove()
    {
        if (_work.Length > 0) Directory.Delete(_work, recursive: true);
    }

    [Test, Order(1)]
    public async Task Neither_dotnet_nor_node_can_be_found_where_the_release_runs()
    {
        var probe = await WithoutSdk(["bash", "-c", "command -v dotnet || command -v node || ls -A /usr/share/dotnet"], TimeSpan.FromMinutes(1));
        probe.ExitCode.ShouldBe(0, probe.StandardError);
        probe.StandardOutput.Trim().ShouldBeEmpty();
    }

    [Test, Order(2)]
    public async Task A_good_disk_passes_and_a_hollow_one_fails_without_the_sdk()
    {
        var features = Path.Combine(Etc, "features");
        await File.WriteAllTextAsync(Path.Combine(features, "etc.feature"), """
            Feature: /etc is backed up
              Scenario: The /etc backup holds files
                Given ba-daily config for localhost /etc
                Then the backup contains at least one file
            """);
        var good = await WithoutSdk([_command], TimeSpan.FromMinutes(10));
        good.ExitCode.ShouldBe(0, good.ToString());
        good.StandardOutput.ShouldContain($"Checking backups against {features} ...");
        good.StandardOutput.ShouldContain("1 passed, 0 failed, 0 broken");
        // No Node: Reqnroll's report of the run, said in one line; the exit code is the verdict's alone.
        good.StandardOutput.ShouldContain("the report is Reqnroll's HTML report");
        var report = Path.Combine(State, "results", "allure-report", "index.html");
        good.StandardOutput.ShouldContain($"Report: {report}");
        new FileInfo(report).Length.ShouldBeGreaterThan(10_000);
        // JUnit XML from the runner's extension of the same logger package; no TRX (run.d/layout.sh says why), and none named.
        File.Exists(Path.Combine(State, "results", "junit.xml")).ShouldBeTrue();
        good.StandardOutput.ShouldNotContain("TRX:");
        // Which suite checked, from the RELEASE file (no git in a release).
        (await File.ReadAllTextAsync(Path.Combine(State, "results", "features.txt"))).ShouldContain($"suite release {_version}, commit ");

        // The negative control: a disk of empty directories fails as a backup fault, exit 1, from the same release.
        await File.WriteAllTextAsync(Path.Combine(features, "hollow.feature"), """
            Feature: The hollow disk
              Scenario: The hollow backup holds files
                Given ba-daily config for localhost /srv/fixtures/hollow
                Then the backup contains at least one file
            """);
        var hollow = await WithoutSdk([_command, "--quiet"], TimeSpan.FromMinutes(10));
        hollow.ExitCode.ShouldBe(1, hollow.ToString());
        hollow.StandardOutput.ShouldContain("FAIL  The hollow disk / The hollow backup holds files");
        hollow.StandardOutput.ShouldContain("Hollow backup: ba-daily localhost:/srv/fixtures/hollow");
        hollow.StandardOutput.ShouldContain("1 passed, 1 failed, 0 broken");
        File.Delete(Path.Combine(features, "hollow.feature"));

        // The run's results and histories are the site's, outside the release: the release holds none.
        Directory.Exists(Path.Combine(State, "history")).ShouldBeTrue();
        var release = Path.Combine(_work, "opt", "releases", _version);
        Directory.Exists(Path.Combine(release, "results")).ShouldBeFalse();
        Directory.Exists(Path.Combine(release, "allure-history")).ShouldBeFalse();
        var evidence = await WithoutSdk([_command, "evidence"], TimeSpan.FromMinutes(2));
        evidence.ExitCode.ShouldBe(0, evidence.ToString());
        evidence.StandardOutput.ShouldContain($"Evidence: {Path.Combine(State, "evidence")}/backup-acceptance-evidence-");
    }

    [Test, Order(3)]
    public async Task A_baseline_written_by_the_release_runs_from_the_site_features()
    {
        var feature = Path.Combine(Etc, "baselines", "ba-state.feature");
        Directory.CreateDirectory(Path.GetDirectoryName(feature)!);
        var written = await WithoutSdk([_command, "baseline", "ba-state", "--out", feature], TimeSpan.FromMinutes(5));
        written.ExitCode.ShouldBe(0, written.ToString());
        written.StandardOutput.ShouldContain($"wrote {feature}: ");
        var text = await File.ReadAllTextAsync(feature);
        var scenarios = ScenarioLine().Matches(text).Count;
        scenarios.ShouldBeGreaterThan(0, text);

        var run = await WithoutSdk([_command, "--features", feature], TimeSpan.FromMinutes(10));
        // Every scenario of the baseline came to a verdict, and the same verdict as in a clone (dotnet test): the
        // release changes how the suite is run, never what it finds. (ba-state's faults make some fail or break.)
        var verdicts = Verdicts(run.StandardOutput);
        verdicts.Count.ShouldBe(scenarios, run.ToString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var clone = await SuiteRunner.RunAsync(feature, null, timeout.Token);
        verdicts.ShouldBe(Verdicts(clone.Summary), $"release:\n{run}\nclone:\n{clone.Summary}");
        run.ExitCode.ShouldBe(verdicts.Any(v => v.StartsWith("FAIL ", StringComparison.Ordinal)) ? 1 : verdicts.All(v => v.StartsWith("PASS ", StringComparison.Ordinal)) ? 0 : 2, run.ToString());
    }

    [Test, Order(4)]
    public async Task What_needs_the_source_tree_says_so()
    {
        foreach (var command in new[] { "demo", "test", "mutate", "bench", "package" })
        {
            var refused = await WithoutSdk([_command, command], TimeSpan.FromMinutes(1));
            refused.ExitCode.ShouldBe(2, refused.ToString());
            refused.StandardError.ShouldContain($"'{command}' needs the source tree");
        }
        var help = await WithoutSdk([_command, "--help"], TimeSpan.FromMinutes(1));
        help.ExitCode.ShouldBe(0, help.ToString());
    }

    [Test, Order(5)]
    public async Task An_upgrade_replaces_the_program_and_keeps_the_site_data()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var before = await Fingerprint(timeout.Token);
        before.ShouldContain("etc.feature");

        // The next release: the same files under a new version, unpacked beside the first, installed the same way.
        var next = Path.Combine(_work, "unpacked-next", $"backup-acceptance-{_version}-next");
        Directory.CreateDirectory(Path.GetDirectoryName(next)!);
        (await Shell(["cp", "-a", Path.Combine(_unpacked, $"backup-acceptance-{_version}"), next], timeout.Token)).ExitCode.ShouldBe(0);
        var release = Path.Combine(next, "RELEASE");
        await File.WriteAllTextAsync(release, (await File.ReadAllTextAsync(release, timeout.Token)).Replace(
            $"backup-acceptance {_version}\n", $"backup-acceptance {_version}-next\n", StringComparison.Ordinal), timeout.Token);
        var upgraded = await Install(next, timeout.Token);
        upgraded.ExitCode.ShouldBe(0, upgraded.ToString());
        upgraded.StandardOutput.ShouldContain($"older releases kept in {Path.Combine(_work, "opt", "releases")}: {_version}");

        (await Shell(["readlink", Path.Combine(_work, "opt", "current")], timeout.Token)).StandardOutput.Trim()
            .ShouldBe($"releases/{_version}-next");
        (await Fingerprint(timeout.Token)).ShouldBe(before);
        var run = await WithoutSdk([_command, "--quiet"], TimeSpan.FromMinutes(10));
        run.ExitCode.ShouldBe(0, run.ToString());
    }

    [GeneratedRegex(@"^  Scenario: ", RegexOptions.Multiline)]
    private static partial Regex ScenarioLine();

    [GeneratedRegex(@"^(PASS|FAIL|BROKEN) .*$", RegexOptions.Multiline)]
    private static partial Regex VerdictLine();

    /// <summary>The summary's verdict lines (verdict and scenario), in order.</summary>
    private static List<string> Verdicts(string summary) => VerdictLine().Matches(summary).Select(m => Regex.Replace(m.Value, " +", " ")).ToList();

    /// <summary>Every file of the site's data (features, results, histories, evidence) with its SHA-256.</summary>
    private async Task<string> Fingerprint(CancellationToken cancellationToken) =>
        (await Shell(["sh", "-c", "cd \"$1\" && find . -type f ! -name .backup-acceptance-lock -print0 | LC_ALL=C sort -z | xargs -0 sha256sum", "_", _work + "/etc"],
            cancellationToken)).StandardOutput
        + (await Shell(["sh", "-c", "cd \"$1\" && find . -type f ! -name .backup-acceptance-lock -print0 | LC_ALL=C sort -z | xargs -0 sha256sum", "_", State],
            cancellationToken)).StandardOutput;

    private Task<BufferedCommandResult> Install(string release, CancellationToken cancellationToken) =>
        Shell([Path.Combine(release, "install.sh"), "--prefix", Path.Combine(_work, "opt"), "--bin", Path.Combine(_work, "bin"),
            "--etc", Etc, "--state", State], cancellationToken);

    /// <summary>A command of the release where the SDK and Node are gone, in a run scope of this test's (its
    /// processes are the run's; see RunScript).</summary>
    private async Task<RunScriptResult> WithoutSdk(IReadOnlyList<string> command, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var clock = Stopwatch.StartNew();
        var result = await Cli.Wrap(_withoutSdk).WithArguments(command)
            .WithEnvironmentVariables(env => OwnSettingsOnly(env.Set("BACKUP_ACCEPTANCE_RUN_ID", SuiteRunner.NewScope())))
            .WithWorkingDirectory(_work)
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancel.Token);
        return new RunScriptResult(result.ExitCode, result.StandardOutput, result.StandardError, clock.Elapsed);
    }

    /// <summary>The release is a site's: the settings ./run.sh test gives this test host (its results folder, histories)
    /// must not reach it, only the places its install and this test name.</summary>
    private static EnvironmentVariablesBuilder OwnSettingsOnly(EnvironmentVariablesBuilder env)
    {
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>()
                     .Where(n => n.StartsWith("BACKUP_ACCEPTANCE_", StringComparison.Ordinal) && n is not ("BACKUP_ACCEPTANCE_RUN_ID" or "BACKUP_ACCEPTANCE_REQUIRE_AMANDA")))
            env.Set(name, null);
        return env;
    }

    private static Task<BufferedCommandResult> Shell(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        Cli.Wrap(command[0]).WithArguments(command.Skip(1)).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);

    /// <summary>COMMAND... as on a server without the .NET SDK and Node: PATH is a folder of links to every tool of
    /// /usr/bin and /usr/local/bin but dotnet, node, npm, npx and corepack, then /usr/sbin and /sbin; and in a mount
    /// namespace of its own /usr/share/dotnet is an empty tmpfs, so no runtime of the machine's can be found either.</summary>
    private const string WithoutSdkScript = """
        #!/bin/sh
        set -e
        bin="$(dirname "$0")/path"
        if [ ! -d "$bin" ]; then
          mkdir -p "$bin.tmp"
          for f in /usr/bin/* /usr/local/bin/*; do
            case "${f##*/}" in dotnet|node|nodejs|npm|npx|corepack) continue ;; esac
            [ -e "$bin.tmp/${f##*/}" ] || ln -s "$f" "$bin.tmp/${f##*/}"
          done
          mv "$bin.tmp" "$bin"
        fi
        exec unshare -m --propagation private sh -c 'mount -t tmpfs -o size=1m none /usr/share/dotnet && exec env PATH="$0:/usr/sbin:/sbin" "$@"' "$bin" "$@"
        """;
}
