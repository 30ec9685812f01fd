using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

public sealed class EstatePlanTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 6, 0, 0);

    private static List<BackupTarget> Disks(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new BackupTarget("estate", "localhost", $"/srv/fixtures/e{i:000}"))];

    private static ScreenedDisk Screened(DateTime latest, int files)
    {
        var dump = new DumpRecord(new DumpDate(latest), 0, "estate", "estate-01", 1);
        return new ScreenedDisk(dump, [dump], files, 1, []);
    }

    [Test]
    public void Amrecover_checks_every_disk_the_screen_found_bad_or_could_not_read_and_a_sample_of_the_good()
    {
        var disks = Disks(300);
        var screened = disks.Select((d, i) => (d, i)).Where(x => x.i != 7) // e008: not read
            .ToDictionary(x => x.d, x => x.i switch
            {
                49 => Screened(Now.AddHours(-1), 0),   // hollow
                99 => Screened(Now.AddDays(-3), 5),    // stale
                _ => Screened(Now.AddHours(-1), 3),
            });
        var plan = EstatePlan.Make(disks, screened, TimeSpan.FromHours(48), 1, Now, Now.Date);
        plan.Good.Count.ShouldBe(297);
        plan.Sample.Count.ShouldBe(18, "the square root of 300, rounded up");
        plan.Sample.ShouldAllBe(i => plan.Good.Contains(i));
        plan.Asked.ShouldBe(plan.Sample.Concat([7, 49, 99]).Order().ToList());
    }

    [Test]
    public void The_sample_is_the_same_within_a_day_and_another_the_next()
    {
        var disks = Disks(300);
        var screened = disks.ToDictionary(d => d, _ => Screened(Now.AddHours(-1), 3));
        var today = EstatePlan.Make(disks, screened, TimeSpan.FromHours(48), 1, Now, Now.Date).Sample;
        EstatePlan.Make(disks, screened, TimeSpan.FromHours(48), 1, Now.AddHours(5), Now.Date).Sample.ShouldBe(today);
        EstatePlan.Make(disks, screened, TimeSpan.FromHours(48), 1, Now, Now.Date.AddDays(1)).Sample.ShouldNotBe(today);
    }

    [TestCase(2, 2)]
    [TestCase(5, 3)]
    [TestCase(300, 18)]
    [TestCase(2000, 45)]
    public void The_sample_is_the_square_root_of_the_estate_at_least_three(int disks, int sample) =>
        EstatePlan.SampleSize(disks, disks).ShouldBe(sample);

    [Test]
    public void A_minimum_above_what_the_index_holds_leaves_the_disk_to_amrecover()
    {
        var disks = Disks(4);
        var screened = disks.ToDictionary(d => d, _ => Screened(Now.AddHours(-1), 3));
        EstatePlan.Make(disks, screened, TimeSpan.FromHours(48), 4, Now, Now.Date).Good.ShouldBeEmpty();
    }
}
