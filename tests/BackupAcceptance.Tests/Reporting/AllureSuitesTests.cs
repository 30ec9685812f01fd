using BackupAcceptance.Expectations;
using BackupAcceptance.Suite.Reporting;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Reporting;

public sealed class AllureSuitesTests
{
    private static string[] Suites(BackupTarget? target, IReadOnlyList<BackupTarget>? estate) =>
        [.. AllureSuites.For(target, estate, "Nightly").Select(l => $"{l.Name}={l.Value}")];

    [Test]
    public void A_disk_is_under_its_config_then_host_then_disk() =>
        Suites(new BackupTarget("ba-daily", "localhost", "/etc"), null).ShouldBe(["parentSuite=ba-daily", "suite=localhost", "subSuite=/etc"]);

    [Test]
    public void The_estate_is_under_its_config_as_every_disk() =>
        Suites(null, [new BackupTarget("ba-daily", "localhost", "/etc")]).ShouldBe(["parentSuite=ba-daily", "suite=every disk of ba-daily config"]);

    [Test]
    public void A_scenario_that_named_no_disk_is_kept_apart_by_feature() =>
        Suites(null, null).ShouldBe(["parentSuite=no disk named", "suite=Nightly"]);

    [Test]
    public void Replace_keeps_the_other_labels_and_drops_earlier_suites()
    {
        List<AllureLabel> labels = [new("feature", "Nightly"), new("suite", "old"), new("tag", "etc")];

        AllureSuites.Replace(labels, new BackupTarget("ba-daily", "localhost", "/etc"), null, "Nightly").Select(l => $"{l.Name}={l.Value}")
            .ShouldBe(["feature=Nightly", "tag=etc", "parentSuite=ba-daily", "suite=localhost", "subSuite=/etc"]);
    }

    [Test]
    public void The_renderer_groups_by_the_suites_by_default() =>
        AllureConfig.Defaults.GroupBy.ShouldBe(["parentSuite", "suite", "subSuite"]);
}
