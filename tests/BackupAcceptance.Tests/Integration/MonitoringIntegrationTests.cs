using System.Text.Json.Nodes;
using System.Xml.Linq;
using BackupAcceptance.Tests.Outputs;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>./run.sh as monitoring reads it, against the real demo Amanda: --format nagios prints one plugin line and
/// exits 0 OK, 2 CRITICAL (a backup fault, even beside a check that could not run), 3 UNKNOWN (could not check only);
/// the Prometheus textfile parses with the Prometheus client's own parser and shows the hollow disk at 0; junit.xml
/// files the hollow disk as a failure and the unknown disk as an error.</summary>
[Category("Integration")]
public sealed class MonitoringIntegrationTests
{
    private string _work = "";

    [SetUp]
    public void Create()
    {
        RealAmanda.Require();
        _work = Directory.CreateTempSubdirectory("ba-monitoring-").FullName;
    }

    [TearDown]
    public void Remove() => Directory.Delete(_work, recursive: true);

    private const string Hollow = """
          Scenario: hollow disk
            Given ba-daily config for localhost /srv/fixtures/hollow
            Then the backup contains at least one file
        """;

    private const string Unknown = """
          Scenario: unknown disk
            Given ba-daily config for localhost /srv/no-such-disk
            Then the backup contains at least one file
        """;

    private const string Etc = """
          Scenario: etc holds files
            Given ba-daily config for localhost /etc
            Then the backup contains at least one file
        """;

    [Test]
    public async Task A_hollow_disk_is_critical_in_nagios_0_in_prometheus_and_a_failure_in_junit_beside_an_error()
    {
        var textfile = Path.Combine(_work, "node-exporter", "backup_acceptance.prom");
        Directory.CreateDirectory(Path.GetDirectoryName(textfile)!);
        var run = await RunAsync($"Feature: Mixed\n{Hollow}\n{Unknown}\n{Etc}", ["--format", "nagios"], textfile);

        run.ExitCode.ShouldBe(2, run.ToString());
        var line = run.StandardOutput.ShouldHaveSingleLine();
        line.ShouldStartWith("BACKUP ACCEPTANCE CRITICAL - 1 of 3 scenarios failed: Hollow backup ba-daily localhost:/srv/fixtures/hollow; " +
                             "1 could not be checked: Amanda unreachable or misconfigured ba-daily localhost:/srv/no-such-disk | ");
        line.ShouldContain("'ba-daily localhost:/srv/fixtures/hollow files'=0;;;0");
        line.ShouldMatch(@"'ba-daily localhost:/srv/fixtures/hollow dump age'=\d+s;;;0");
        line.ShouldMatch(@"'ba-daily localhost:/etc dump age'=\d+s;;;0");
        run.StandardError.ShouldBeEmpty("only the plugin line: what run.sh says goes elsewhere");

        // The Prometheus textfile, in the results and where node_exporter reads it (world-readable, no temporary left).
        var prom = await File.ReadAllTextAsync(Path.Combine(Results, "backup_acceptance.prom"));
        (await File.ReadAllTextAsync(textfile)).ShouldBe(prom);
        File.GetUnixFileMode(textfile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Directory.GetFiles(Path.GetDirectoryName(textfile)!).ShouldBe([textfile]);
        var samples = await PrometheusParser.ParseAsync(prom);
        var hollow = samples.Single(s => s.Name == "backup_acceptance_scenario_status" && s.Labels["disk"] == "/srv/fixtures/hollow");
        (hollow.Value, hollow.Labels["category"], hollow.Labels["verdict"], hollow.Labels["config"], hollow.Labels["host"])
            .ShouldBe((0, "Hollow backup", "failed", "ba-daily", "localhost"));
        samples.Single(s => s.Name == "backup_acceptance_scenario_status" && s.Labels["disk"] == "/srv/no-such-disk").Labels["verdict"].ShouldBe("broken");
        samples.Single(s => s.Name == "backup_acceptance_scenario_status" && s.Labels["disk"] == "/etc").Value.ShouldBe(1);
        samples.Single(s => s.Name == "backup_acceptance_files" && s.Labels["disk"] == "/srv/fixtures/hollow").Value.ShouldBe(0);
        samples.Single(s => s.Name == "backup_acceptance_last_run_timestamp_seconds").Value
            .ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        samples.Single(s => s.Name == "backup_acceptance_last_run_exit_code").Value.ShouldBe(1, "run.sh's own code is still 1");

        // JUnit: a backup fault is a failure, a check that could not run an error.
        var cases = XDocument.Load(Path.Combine(Results, "junit.xml")).Descendants("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        cases.Keys.ShouldBe(["etc holds files", "hollow disk", "unknown disk"], ignoreOrder: true);
        cases["hollow disk"].Element("failure").ShouldNotBeNull().Attribute("message")!.Value.ShouldStartWith("Hollow backup: ba-daily localhost:/srv/fixtures/hollow (dump ");
        cases["hollow disk"].Element("error").ShouldBeNull();
        cases["hollow disk"].Attribute("classname")!.Value.ShouldBe("ba-daily/localhost:/srv/fixtures/hollow");
        cases["unknown disk"].Element("error").ShouldNotBeNull().Attribute("message")!.Value.ShouldStartWith("Amanda unreachable or misconfigured: ba-daily localhost:/srv/no-such-disk");
        cases["unknown disk"].Element("failure").ShouldBeNull();
        cases["etc holds files"].HasElements.ShouldBeFalse();

        // summary.json: each scenario's verdict, category and reason, and the hollow disk's facts.
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Results, "summary.json")))!;
        ((int)summary["schemaVersion"]!, (int)summary["counts"]!["failed"]!, (int)summary["counts"]!["broken"]!, (int)summary["counts"]!["passed"]!).ShouldBe((1, 1, 1, 1));
        var scenario = summary["scenarios"]!.AsArray().Single(s => (string?)s!["name"] == "hollow disk")!;
        ((string?)scenario["verdict"], (string?)scenario["category"], (string?)scenario["disk"]).ShouldBe(("failed", "Hollow backup", "/srv/fixtures/hollow"));
        ((string)scenario["reason"]!).ShouldStartWith("Hollow backup: ");
        ((string?)scenario["dumpDate"]).ShouldNotBeNull();
        var disk = scenario["disks"]!.AsArray().ShouldHaveSingleItem()!;
        ((int?)disk["files"]).ShouldBe(0);
        ((double)disk["dumpAgeSeconds"]!).ShouldBeGreaterThanOrEqualTo(0);
        (await File.ReadAllTextAsync(Path.Combine(Results, "exit-code"))).Trim().ShouldBe("1", "the default exit codes do not change");
    }

    [Test]
    [Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
    public async Task Only_a_check_that_could_not_run_is_unknown()
    {
        var run = await RunAsync($"Feature: Unknown\n{Unknown}", ["--format", "nagios"]);
        run.ExitCode.ShouldBe(3, run.ToString());
        run.StandardOutput.ShouldBe("BACKUP ACCEPTANCE UNKNOWN - 1 of 1 scenarios could not be checked: Amanda unreachable or misconfigured ba-daily localhost:/srv/no-such-disk\n");
    }

    [Test]
    [Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
    public async Task Every_scenario_passed_is_ok_with_perfdata()
    {
        var run = await RunAsync($"Feature: Good\n{Etc}", ["--format", "nagios"]);
        run.ExitCode.ShouldBe(0, run.ToString());
        run.StandardOutput.ShouldHaveSingleLine().ShouldMatch(@"^BACKUP ACCEPTANCE OK - 1 of 1 scenarios passed \| 'ba-daily localhost:/etc dump age'=\d+s;;;0$");
        XDocument.Load(Path.Combine(Results, "junit.xml")).Descendants("testcase").ShouldHaveSingleItem().HasElements.ShouldBeFalse();
    }

    [Test]
    [Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
    public async Task A_run_that_cannot_start_is_unknown_with_the_reason_not_critical()
    {
        var run = await RunScript.RunAsync(["--features", Path.Combine(_work, "no-such-folder"), "--format", "nagios"], Settings(), TimeSpan.FromMinutes(2));
        run.ExitCode.ShouldBe(3, run.ToString());
        run.StandardOutput.ShouldBe($"BACKUP ACCEPTANCE UNKNOWN - the check could not run (run.sh exit 2): run.sh: --features: no such file or directory: {Path.Combine(_work, "no-such-folder")}\n");
        run.StandardError.ShouldBeEmpty();

        // What fails before the arguments are read, too: a results group that does not exist (the settings, run.d/settings.sh).
        var settings = Settings();
        settings["BACKUP_ACCEPTANCE_RESULTS_GROUP"] = "no-such-group-ba";
        var early = await RunScript.RunAsync(["--format", "nagios"], settings, TimeSpan.FromMinutes(2));
        early.ExitCode.ShouldBe(3, early.ToString());
        early.StandardOutput.ShouldStartWith("BACKUP ACCEPTANCE UNKNOWN - the check could not run (run.sh exit 2): run.sh: BACKUP_ACCEPTANCE_RESULTS_GROUP: ");
        early.StandardError.ShouldBeEmpty();
    }

    private string Results => Path.Combine(_work, "results");

    private Dictionary<string, string?> Settings(string? textfile = null) => new()
    {
        ["BACKUP_ACCEPTANCE_RESULTS"] = Results,
        ["BACKUP_ACCEPTANCE_ALLURE_HISTORY"] = Path.Combine(_work, "history.jsonl"),
        ["BACKUP_ACCEPTANCE_COUNT_HISTORY"] = Path.Combine(_work, "counts.jsonl"),
        ["BACKUP_ACCEPTANCE_PROMETHEUS_TEXTFILE"] = textfile,
    };

    private async Task<RunScriptResult> RunAsync(string feature, IReadOnlyList<string> options, string? textfile = null)
    {
        var file = Path.Combine(_work, "check.feature");
        await File.WriteAllTextAsync(file, feature);
        return await RunScript.RunAsync(["--features", file, .. options], Settings(textfile), TimeSpan.FromMinutes(5));
    }
}

internal static class LineAssertions
{
    public static string ShouldHaveSingleLine(this string output)
    {
        output.ShouldEndWith("\n");
        var lines = output.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(1, output);
        return lines[0];
    }
}
