using BackupAcceptance.Outputs.Nagios;
using BackupAcceptance.Outputs.Summary;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Outputs;

public sealed class PluginLineTests
{
    [Test]
    public void A_hollow_disk_beside_an_unknown_one_is_critical_and_names_both()
    {
        var (line, status) = PluginLine.Render(Runs.Of(Runs.Hollow(), Runs.Unknown(), Runs.Etc()), 1);
        status.ShouldBe(PluginStatus.Critical);
        line.ShouldStartWith("BACKUP ACCEPTANCE CRITICAL - 1 of 3 scenarios failed: Hollow backup ba-daily localhost:/srv/fixtures/hollow; " +
                             "1 could not be checked: Amanda unreachable or misconfigured ba-daily localhost:/srv/no-such-disk | ");
        line.ShouldContain("'ba-daily localhost:/etc files'=1234;;;0 'ba-daily localhost:/etc dump age'=3600s;;;0 'ba-daily localhost:/etc restore'=42.5s;;;0");
        line.ShouldContain("'ba-daily localhost:/srv/fixtures/hollow files'=0;;;0");
        line.ShouldNotContain("\n");
    }

    [Test]
    public void Only_could_not_check_is_unknown()
    {
        var (line, status) = PluginLine.Render(Runs.Of(Runs.Unknown()), 2);
        status.ShouldBe(PluginStatus.Unknown);
        line.ShouldBe("BACKUP ACCEPTANCE UNKNOWN - 1 of 1 scenarios could not be checked: Amanda unreachable or misconfigured ba-daily localhost:/srv/no-such-disk");
    }

    [Test]
    public void Every_scenario_passed_is_ok()
    {
        var (line, status) = PluginLine.Render(Runs.Of(Runs.Etc()), 0);
        status.ShouldBe(PluginStatus.Ok);
        line.ShouldStartWith("BACKUP ACCEPTANCE OK - 1 of 1 scenarios passed | 'ba-daily localhost:/etc files'=1234;;;0");
    }

    [Test]
    public void A_run_where_nothing_ran_or_no_summary_is_unknown()
    {
        PluginLine.Render(Runs.Of(), 2).ShouldBe(("BACKUP ACCEPTANCE UNKNOWN - no scenario ran, so nothing was checked (check the features folder, --tags and @ignore)", PluginStatus.Unknown));
        var (line, status) = PluginLine.Render(null, 2, "results/summary.json was not written");
        (line, status).ShouldBe(("BACKUP ACCEPTANCE UNKNOWN - no summary of the run: results/summary.json was not written (run.sh exit 2)", PluginStatus.Unknown));
    }

    [Test]
    public void Passing_with_run_sh_in_trouble_or_interrupted_says_so()
    {
        PluginLine.Render(Runs.Of(Runs.Etc()), 2).Line.ShouldContain("1 of 1 scenarios passed; but run.sh exited 2: the suite's own trouble");
        var interrupted = Runs.Of(Runs.Hollow()) with { Interrupted = "interrupted (SIGINT)" };
        var (line, status) = PluginLine.Render(interrupted, 130);
        status.ShouldBe(PluginStatus.Critical); // the fault found before the stop is known
        line.ShouldStartWith("BACKUP ACCEPTANCE CRITICAL - 1 of 1 scenarios failed: Hollow backup ba-daily localhost:/srv/fixtures/hollow; the run was interrupted (SIGINT): its results are partial |");
        var stopped = Runs.Of(Runs.Etc()) with { Interrupted = "interrupted (SIGINT)" };
        PluginLine.Render(stopped, 130).Status.ShouldBe(PluginStatus.Unknown);
    }

    [Test]
    public void Many_failures_are_named_up_to_five_then_counted()
    {
        var many = Enumerable.Range(0, 8).Select(i => Runs.Hollow() with { Name = $"hollow {i}", Disk = $"/srv/d{i}", Disks = [] }).ToArray();
        var line = PluginLine.Render(Runs.Of(many), 1).Line;
        line.ShouldEndWith("Hollow backup ba-daily localhost:/srv/d4 and 3 more");
    }

    [Test]
    public void Perfdata_labels_are_quoted_and_cannot_break_the_line()
    {
        Perfdata.Label("ba-daily host:/srv/it's a=b|c").ShouldBe("'ba-daily host:/srv/it''s a_b/c'");
        Perfdata.Item("x files", 12, "").ShouldBe("'x files'=12;;;0");
        Perfdata.Item("x restore", 1.23456, "s").ShouldBe("'x restore'=1.235s;;;0");
        var odd = Runs.Unknown() with { Reason = "a|b", Disk = "/srv/a|b\nc", Category = "Input error" };
        var (line, _) = PluginLine.Render(Runs.Of(odd), 2);
        line.ShouldNotContain("|");
        line.ShouldNotContain("\n");
    }

    [Test]
    public void A_disk_in_several_scenarios_has_one_perfdata_set_from_its_newest_count()
    {
        var older = Runs.Etc() with { Name = "previous", Disks = [new DiskEntry("ba-daily", "localhost", "/etc", "2026-12-05-19-00-00", 1000, 90000, null)] };
        var line = PluginLine.Render(Runs.Of(older, Runs.Etc()), 0).Line;
        line.Split(' ').Count(w => w.StartsWith("files'=", StringComparison.Ordinal)).ShouldBe(1);
        line.ShouldContain("/etc files'=1234;;;0");
        line.ShouldContain("/etc dump age'=3600s;;;0");
    }
}
