using System.Xml.Linq;
using BackupAcceptance.Outputs.Junit;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Outputs;

public sealed class JunitReportTests
{
    [Test]
    public void A_backup_fault_is_a_failure_and_could_not_check_an_error()
    {
        var xml = XDocument.Parse(JunitReport.Render(Runs.Of(Runs.Hollow(), Runs.Unknown(), Runs.Etc(), Runs.Etc("Other"))));
        var root = xml.Root!;
        (root.Name.LocalName, (int)root.Attribute("tests")!, (int)root.Attribute("failures")!, (int)root.Attribute("errors")!).ShouldBe(("testsuites", 4, 1, 1));
        root.Elements("testsuite").Select(s => (string)s.Attribute("name")!).ShouldBe(["Mixed", "Other"], "a suite per feature");

        var cases = xml.Descendants("testcase").ToDictionary(c => (string)c.Attribute("name")! + "@" + (string)c.Parent!.Attribute("name")!);
        var hollow = cases["hollow disk@Mixed"];
        hollow.Attribute("classname")!.Value.ShouldBe("ba-daily/localhost:/srv/fixtures/hollow");
        hollow.Element("error").ShouldBeNull();
        var failure = hollow.Element("failure").ShouldNotBeNull();
        failure.Attribute("message")!.Value.ShouldStartWith("Hollow backup: ba-daily localhost:/srv/fixtures/hollow (dump 2026-12-06-19-00-00)");
        failure.Attribute("type")!.Value.ShouldBe("Hollow backup");

        var unknown = cases["unknown disk@Mixed"];
        unknown.Element("failure").ShouldBeNull();
        unknown.Element("error").ShouldNotBeNull().Attribute("message")!.Value.ShouldStartWith("Amanda unreachable or misconfigured: ba-daily localhost:/srv/no-such-disk");

        cases["etc holds files@Mixed"].HasElements.ShouldBeFalse();
        cases["etc holds files@Other"].Attribute("time")!.Value.ShouldBe("0.7");
        var mixed = root.Elements("testsuite").First();
        ((int)mixed.Attribute("failures")!, (int)mixed.Attribute("errors")!, (string)mixed.Attribute("hostname")!).ShouldBe((1, 1, "amanda01"));
    }

    [Test]
    public void No_summary_is_one_error_never_an_empty_green_file()
    {
        var xml = XDocument.Parse(JunitReport.Render(null, "results/summary.json was not written"));
        ((int)xml.Root!.Attribute("tests")!, (int)xml.Root.Attribute("errors")!).ShouldBe((1, 1));
        xml.Descendants("error").Single().Attribute("message")!.Value.ShouldBe("no summary of the run: results/summary.json was not written");
    }

    [Test]
    public void Nothing_ran_is_an_empty_report_and_characters_xml_cannot_hold_are_replaced()
    {
        XDocument.Parse(JunitReport.Render(Runs.Of())).Root!.Attribute("tests")!.Value.ShouldBe("0");
        var odd = Runs.Unknown() with { Reason = "bad \u0001 byte <&>", Name = "tab\tand \u0007bell" };
        var xml = XDocument.Parse(JunitReport.Render(Runs.Of(odd)));
        xml.Descendants("error").Single().Attribute("message")!.Value.ShouldBe("bad \uFFFD byte <&>");
        xml.Descendants("testcase").Single().Attribute("name")!.Value.ShouldBe("tab\tand \uFFFDbell");
    }

    [Test]
    public void An_estate_scenario_is_filed_under_its_configuration() =>
        JunitReport.ClassName(Runs.Etc() with { Host = null, Disk = null }).ShouldBe("ba-daily/every disk");
}
