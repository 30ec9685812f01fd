using BackupAcceptance.Outputs.Summary;
using BackupAcceptance.Suite.Reporting;
using BackupAcceptance.Expectations;
using BackupAcceptance.Amanda.Listing;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Outputs;

public sealed class RunFilesTests
{
    private string _folder = "";

    [SetUp]
    public void Create() => _folder = Directory.CreateTempSubdirectory("ba-runfiles-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_run_its_settings_refused_is_unknown_naming_the_setting()
    {
        var refused = new BackupAcceptance.Expectations.Settings.SettingsException(
            ["BACKUP_ACCEPTANCE_COMMAND_TIMEOUT: 'abc' is not a positive number of seconds (environment)"]);

        SettingsRecord.WriteRefusal(_folder, refused);

        var read = await RunFiles.ReadAsync(Path.Combine(_folder, SummaryJson.FileName), CancellationToken.None);
        var (line, status) = BackupAcceptance.Outputs.Nagios.PluginLine.Render(read, 2);
        status.ShouldBe(BackupAcceptance.Outputs.Nagios.PluginStatus.Unknown);
        line.ShouldStartWith("BACKUP ACCEPTANCE UNKNOWN - 1 of 1 scenarios could not be checked: Input error settings / BACKUP_ACCEPTANCE_COMMAND_TIMEOUT");
    }

    [Test]
    public async Task What_the_suite_writes_is_what_the_outputs_read()
    {
        var hollow = new BackupTarget("ba-daily", "localhost", "/srv/fixtures/hollow");
        var dump = DumpDate.Parse("2026-12-06-19-00-00");
        var outcomes = new List<ScenarioOutcome>
        {
            new("Mixed", "hollow disk", ScenarioVerdict.Failed, "Hollow backup: ...")
            {
                Category = "Hollow backup", Target = hollow, DumpDate = dump.ToString(), Tags = ["hollow"], Duration = TimeSpan.FromSeconds(1.5),
                Disks = [new DiskMeasurement(hollow, dump, 0, TimeSpan.FromSeconds(3600.4), TimeSpan.FromSeconds(12.34))],
            },
            new("Estate", "every disk", ScenarioVerdict.Broken, "Amanda unreachable or misconfigured: ...")
            {
                Category = "Amanda unreachable or misconfigured", Target = BackupTarget.Estate("ba-daily"),
            },
        };
        var document = SummaryJson.Document(outcomes, Runs.Start, Runs.Start.AddMinutes(1), "amanda01", 3, null, "shard 1/2");
        var path = SummaryJson.Write(_folder, document);

        var read = await RunFiles.ReadAsync(path, CancellationToken.None);
        (read.SchemaVersion, read.StartedUtc, read.FinishedUtc, read.Host, read.Part, read.AmrecoverStarts).ShouldBe((1, Runs.Start, Runs.Start.AddMinutes(1), "amanda01", "shard 1/2", 3));
        read.Counts.ShouldBe(new RunCounts(0, 1, 1));
        var first = read.Scenarios[0];
        (first.Feature, first.Name, first.Verdict, first.Category, first.Config, first.Host, first.Disk, first.DumpDate, first.Seconds)
            .ShouldBe(("Mixed", "hollow disk", "failed", "Hollow backup", "ba-daily", "localhost", "/srv/fixtures/hollow", "2026-12-06-19-00-00", 1.5));
        first.Tags.ShouldBe(["hollow"]);
        first.Disks.ShouldBe([new DiskEntry("ba-daily", "localhost", "/srv/fixtures/hollow", "2026-12-06-19-00-00", 0, 3600, 12.3)]);
        var estate = read.Scenarios[1];
        (estate.Verdict, estate.Config, estate.Host, estate.Disk).ShouldBe(("broken", "ba-daily", null, null));
    }

    [Test]
    public void Parts_merge_into_one_run()
    {
        var one = Runs.Of(Runs.Hollow("B"), Runs.Etc("B")) with { Part = "shard 1/2", Host = "runner1" };
        var two = Runs.Of(Runs.Unknown("A")) with
        {
            Part = "shard 2/2", Host = "runner2", StartedUtc = Runs.Start.AddMinutes(-1), FinishedUtc = Runs.Start.AddMinutes(5), Interrupted = "interrupted (SIGTERM)",
        };
        var merged = RunFiles.Merge([one, two]);
        merged.Scenarios.Select(s => $"{s.Feature}/{s.Name}").ShouldBe(["A/unknown disk", "B/etc holds files", "B/hollow disk"]);
        merged.Counts.ShouldBe(new RunCounts(1, 1, 1));
        (merged.StartedUtc, merged.FinishedUtc).ShouldBe((Runs.Start.AddMinutes(-1), Runs.Start.AddMinutes(5)));
        (merged.Host, merged.Part, merged.Interrupted, merged.AmrecoverStarts).ShouldBe(("runner1,runner2", null, "interrupted (SIGTERM)", 4));
        RunFiles.Merge([one]).ShouldBeSameAs(one);
    }

    [Test]
    public async Task A_file_of_another_schema_or_not_json_is_refused_not_misread()
    {
        var other = Path.Combine(_folder, "other.json");
        await File.WriteAllTextAsync(other, """{"schemaVersion": 2, "counts": {"passed": 0, "failed": 0, "broken": 0}, "scenarios": []}""");
        (await Should.ThrowAsync<InvalidDataException>(() => RunFiles.ReadAsync(other, CancellationToken.None))).Message.ShouldContain("schema version 2");
        await File.WriteAllTextAsync(other, "PASS  not json");
        (await Should.ThrowAsync<InvalidDataException>(() => RunFiles.ReadAsync(other, CancellationToken.None))).Message.ShouldContain("is not a summary.json");
    }
}
