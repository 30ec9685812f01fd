using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Suite.Reporting;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Outputs;

/// <summary>The per-disk facts a scenario reports: what its checks established, of the newest dump it saw.</summary>
public sealed class DiskMeasurementsTests
{
    private static readonly BackupTarget Etc = new("ba-daily", "localhost", "/etc");
    private static readonly DumpDate Yesterday = DumpDate.Parse("2026-12-05-19-00-00");
    private static readonly DumpDate Today = DumpDate.Parse("2026-12-06-19-00-00");
    private static readonly DateTime Now = new(2026, 12, 6, 20, 0, 0);

    [Test]
    public void The_newest_dump_counted_gives_the_files_and_its_age()
    {
        var measurements = new DiskMeasurements();
        measurements.Files(Etc, Today, 120);
        measurements.Files(Etc, Yesterday, 100); // the previous dump, counted for a comparison
        measurements.RecoveryTime(Etc, TimeSpan.FromSeconds(30));
        measurements.All(Now).ShouldBe([new DiskMeasurement(Etc, Today, 120, TimeSpan.FromHours(1), TimeSpan.FromSeconds(30))]);
    }

    [Test]
    public void A_count_of_an_older_dump_than_the_one_seen_is_not_the_disks_size()
    {
        var measurements = new DiskMeasurements();
        measurements.Files(Etc, Yesterday, 100);
        measurements.Dump(Etc, Today);
        measurements.All(Now).Single().ShouldBe(new DiskMeasurement(Etc, Today, null, TimeSpan.FromHours(1), null));
    }

    [Test]
    public void A_hollow_disk_reports_its_zero_files_and_an_estate_nothing()
    {
        var hollow = new BackupTarget("ba-daily", "localhost", "/srv/fixtures/hollow");
        var measurements = new DiskMeasurements();
        measurements.Failure(new ExpectationFailedException(FailureCategory.HollowBackup, hollow, Today, "at least 1 file", "0 files", "") { FilesCounted = 0 });
        measurements.Failure(new ExpectationFailedException(FailureCategory.StaleBackup, BackupTarget.Estate("ba-daily"), null, "x", "y", ""));
        measurements.All(Now).ShouldBe([new DiskMeasurement(hollow, Today, 0, TimeSpan.FromHours(1), null)]);
    }

    [Test]
    public void A_failure_without_a_count_gives_only_its_dump()
    {
        var measurements = new DiskMeasurements();
        measurements.Failure(new ExpectationFailedException(FailureCategory.StaleBackup, Etc, Yesterday, "a fresh dump", "25 hours old", ""));
        measurements.All(Now).Single().ShouldBe(new DiskMeasurement(Etc, Yesterday, null, TimeSpan.FromHours(25), null));
    }

    [TestCase(ScenarioVerdict.Passed, null, null)]
    [TestCase(ScenarioVerdict.Broken, "Nothing checked: scenario 'x': expected ...", "Nothing checked")]
    [TestCase(ScenarioVerdict.Broken, "Suite defect: scenario 'x': expected ...", "Suite defect")]
    [TestCase(ScenarioVerdict.Broken, "Object reference not set", "Suite defect")]
    public void The_category_is_the_failures_title(ScenarioVerdict verdict, string? message, string? category) =>
        ScenarioCategory.Of(verdict, null, message is null ? null : new NUnit.Framework.AssertionException(message)).ShouldBe(category);

    [Test]
    public void A_recorded_failure_names_the_category() =>
        ScenarioCategory.Of(ScenarioVerdict.Failed, new ExpectationFailedException(FailureCategory.HollowBackup, Etc, Today, "x", "y", ""), null)
            .ShouldBe("Hollow backup");
}
