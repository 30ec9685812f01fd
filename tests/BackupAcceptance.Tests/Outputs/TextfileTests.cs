using BackupAcceptance.Outputs.Prometheus;
using BackupAcceptance.Outputs.Summary;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Outputs;

public sealed class TextfileTests
{
    [Test]
    public void Label_values_and_help_are_escaped_per_the_exposition_format()
    {
        Exposition.LabelValue("a\\b\"c\nd").ShouldBe("a\\\\b\\\"c\\nd");
        Exposition.HelpText("a\\b\nc \"q\"").ShouldBe("a\\\\b\\nc \"q\"");
        Exposition.Labels([("disk", "/srv/\"x\""), ("host", "h")]).ShouldBe("{disk=\"/srv/\\\"x\\\"\",host=\"h\"}");
    }

    [Test]
    public async Task A_real_parser_reads_every_series_with_the_hollow_disk_at_0()
    {
        var text = Textfile.Render(Runs.Of(Runs.Hollow(), Runs.Unknown(), Runs.Etc()), 1);
        var samples = await PrometheusParser.ParseAsync(text);

        Status(samples, "/srv/fixtures/hollow").ShouldBe(0);
        Status(samples, "/srv/no-such-disk").ShouldBe(0);
        Status(samples, "/etc").ShouldBe(1);
        var hollow = samples.Single(s => s.Name == "backup_acceptance_scenario_status" && s.Labels["disk"] == "/srv/fixtures/hollow");
        hollow.Labels["category"].ShouldBe("Hollow backup");
        hollow.Labels["verdict"].ShouldBe("failed");
        hollow.Labels["config"].ShouldBe("ba-daily");
        hollow.Labels["host"].ShouldBe("localhost");
        hollow.Labels["scenario"].ShouldBe("hollow disk");
        samples.Single(s => s.Name == "backup_acceptance_files" && s.Labels["disk"] == "/srv/fixtures/hollow").Value.ShouldBe(0);
        samples.Single(s => s.Name == "backup_acceptance_files" && s.Labels["disk"] == "/etc").Value.ShouldBe(1234);
        samples.Single(s => s.Name == "backup_acceptance_dump_age_seconds" && s.Labels["disk"] == "/etc").Value.ShouldBe(3600);
        samples.Single(s => s.Name == "backup_acceptance_recovery_seconds" && s.Labels["disk"] == "/etc").Value.ShouldBe(42.5);
        samples.Single(s => s.Name == "backup_acceptance_last_run_timestamp_seconds").Value.ShouldBe(Runs.Start.AddMinutes(2).ToUnixTimeSeconds());
        samples.Single(s => s.Name == "backup_acceptance_last_run_exit_code").Value.ShouldBe(1);
        samples.Where(s => s.Name == "backup_acceptance_scenarios").ToDictionary(s => s.Labels["verdict"], s => s.Value)
            .ShouldBe(new Dictionary<string, double> { ["passed"] = 1, ["failed"] = 1, ["broken"] = 1 });
        samples.ShouldAllBe(s => s.Type == "gauge");
        text.ShouldContain("# HELP backup_acceptance_scenario_status ");
        text.ShouldContain("# TYPE backup_acceptance_scenario_status gauge\n");
    }

    [Test]
    public async Task Odd_names_survive_the_round_trip_through_a_real_parser()
    {
        var odd = Runs.Etc() with { Feature = "Quotes \"and\" back\\slashes", Name = "line\nbreak", Disk = "/srv/é \"q\"" };
        var samples = await PrometheusParser.ParseAsync(Textfile.Render(Runs.Of(odd), null));
        var status = samples.Single(s => s.Name == "backup_acceptance_scenario_status");
        status.Labels["feature"].ShouldBe("Quotes \"and\" back\\slashes");
        status.Labels["scenario"].ShouldBe("line\nbreak");
        status.Labels["disk"].ShouldBe("/srv/é \"q\"");
        samples.ShouldNotContain(s => s.Name == "backup_acceptance_last_run_exit_code", "no code given, none said");
    }

    [Test]
    public async Task Two_scenarios_of_one_title_are_two_series_and_an_empty_run_still_has_its_timestamp()
    {
        var samples = await PrometheusParser.ParseAsync(Textfile.Render(Runs.Of(Runs.Etc(), Runs.Etc()), 0));
        samples.Where(s => s.Name == "backup_acceptance_scenario_status").Select(s => s.Labels["scenario"])
            .ShouldBe(["etc holds files", "etc holds files #2"]);

        var empty = await PrometheusParser.ParseAsync(Textfile.Render(Runs.Of(), 2));
        empty.Where(s => s.Name == "backup_acceptance_scenario_status").ShouldBeEmpty();
        empty.Single(s => s.Name == "backup_acceptance_last_run_timestamp_seconds").Value.ShouldBeGreaterThan(0);
        empty.Where(s => s.Name == "backup_acceptance_scenarios").Sum(s => s.Value).ShouldBe(0);
    }

    private static double Status(IReadOnlyList<ParsedSample> samples, string disk) =>
        samples.Single(s => s.Name == "backup_acceptance_scenario_status" && s.Labels["disk"] == disk).Value;
}
