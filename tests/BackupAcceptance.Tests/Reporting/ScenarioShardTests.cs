using BackupAcceptance.ReqnrollNUnit;
using BackupAcceptance.Suite.Run;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Reporting;

public sealed class ScenarioShardTests
{
    private string _features = "";

    [SetUp]
    public void Write()
    {
        _features = Directory.CreateTempSubdirectory("ba-shard-").FullName;
        // 40 disks, two scenarios each, one of them through a Background; an estate scenario; a feature with neither.
        var disks = string.Join("\n", Enumerable.Range(0, 40).Select(i => $"""
              Scenario: disk {i} has files
                Given ba-daily config for localhost /srv/d{i}
                Then the backup contains at least one file
              Scenario: disk {i} is fresh
                Given ba-daily config for localhost /srv/d{i}
                Then the latest dump is no older than 26 hours
            """));
        File.WriteAllText(Path.Combine(_features, "disks.feature"), $"Feature: Disks\n{disks}\n");
        File.WriteAllText(Path.Combine(_features, "estate.feature"), """
            Feature: Estate
              Background:
                Given every disk of ba-daily config
              Scenario: every disk
                Then every disk has a dump no older than 26 hours with at least 1 file
            """);
        File.WriteAllText(Path.Combine(_features, "background.feature"), """
            Feature: Background disk
              Background:
                Given ba-daily config for localhost "/srv/d7"
              Scenario: through a background
                Then the backup contains at least one file
            """);
    }

    [TearDown]
    public void Remove() => Directory.Delete(_features, recursive: true);

    private IReadOnlyList<FeatureDefinition> Load() => FeatureCatalog.Load(_features, GlueSettings.Default);

    [Test]
    public void Shards_cover_every_scenario_once_and_keep_each_disk_together()
    {
        var all = Load().SelectMany(f => f.Scenarios).Select(s => s.Location).ToList();
        var seen = new Dictionary<string, int>();
        var diskShard = new Dictionary<string, int>();
        for (var index = 1; index <= 4; index++)
        {
            var shard = new ScenarioShard(index, 4);
            foreach (var scenario in shard.Select(Load()).SelectMany(f => f.Scenarios))
            {
                seen.Add(scenario.Location, index);
                var key = ScenarioShard.Key(scenario);
                diskShard.TryAdd(key, index);
                diskShard[key].ShouldBe(index, $"{key} is in two shards");
            }
        }
        seen.Keys.Order().ShouldBe(all.Order());
        seen.Values.Distinct().Count().ShouldBe(4, "40 disks spread over all four shards");
    }

    [Test]
    public void The_key_is_the_disk_of_the_given_step_background_included()
    {
        var scenarios = Load().SelectMany(f => f.Scenarios).ToList();
        ScenarioShard.Key(scenarios.Single(s => s.Name == "through a background")).ShouldBe("disk ba-daily localhost /srv/d7");
        ScenarioShard.Key(scenarios.Single(s => s.Name == "disk 7 has files")).ShouldBe("disk ba-daily localhost /srv/d7");
        ScenarioShard.Key(scenarios.Single(s => s.Name == "every disk")).ShouldBe("estate ba-daily");
    }

    [Test]
    public void The_same_features_give_the_same_parts_and_no_part_is_empty_with_as_many_disks_as_parts()
    {
        string[] Part(int index, int count) => [.. new ScenarioShard(index, count).Select(Load()).SelectMany(f => f.Scenarios).Select(s => s.Location).Order()];
        Part(2, 4).ShouldBe(Part(2, 4));
        // 41 keys (40 disks, the background's /srv/d7 among them, and the estate) over 41 parts: none empty.
        for (var index = 1; index <= 41; index++) Part(index, 41).ShouldNotBeEmpty($"part {index} of 41");
        Part(42, 42).ShouldBeEmpty("more parts than keys leaves one empty");
    }

    [TestCase("2/4", 2, 4)]
    [TestCase(" 1 / 1 ", 1, 1)]
    public void Reads_the_setting(string value, int index, int count) =>
        ScenarioShard.FromEnvironment(_ => value).ShouldBe(new ScenarioShard(index, count));

    [TestCase("0/4")]
    [TestCase("5/4")]
    [TestCase("1/0")]
    [TestCase("1/1001")]
    [TestCase("a/b")]
    [TestCase("-1/4")]
    public void Refuses_what_is_not_a_shard(string value) =>
        Should.Throw<ArgumentException>(() => ScenarioShard.FromEnvironment(_ => value)).Message.ShouldContain($"BACKUP_ACCEPTANCE_SHARD='{value}'");

    [Test]
    public void No_setting_is_the_whole_run() => ScenarioShard.FromEnvironment(_ => null).ShouldBeNull();

    [Test]
    public void A_feature_that_could_not_be_loaded_is_in_every_shard()
    {
        File.WriteAllText(Path.Combine(_features, "broken.feature"), "this is not gherkin\nFeature: Broken\n");
        for (var index = 1; index <= 3; index++)
            new ScenarioShard(index, 3).Select(Load()).ShouldContain(f => f.LoadError != null);
    }
}
