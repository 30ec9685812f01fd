using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Catalogue;

/// <summary>Dumps dated after this machine's time, beyond the tolerance for clocks a little apart.</summary>
public sealed class DumpClockTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 17, 30, 0);

    private static DumpRecord Dump(DateTime date, int level = 0) => new(new DumpDate(date), level, "ba-daily", "ba-daily-01", 1);

    [Test]
    public void A_dump_three_days_ahead_is_named() =>
        DumpClock.Ahead([Dump(Now.AddDays(-1)), Dump(Now.AddDays(3))], Now).Select(d => d.Date.Value).ShouldBe([Now.AddDays(3)]);

    [Test]
    public void Past_dumps_and_one_within_the_tolerance_pass() =>
        DumpClock.Ahead([Dump(Now.AddDays(-10)), Dump(Now), Dump(Now.AddMinutes(5))], Now).ShouldBeEmpty();

    [Test]
    public void A_dump_just_past_the_tolerance_is_named() =>
        DumpClock.Ahead([Dump(Now.AddMinutes(5).AddSeconds(1))], Now).Count.ShouldBe(1);

    [Test]
    public void Several_ahead_come_newest_first() =>
        DumpClock.Ahead([Dump(Now.AddHours(2)), Dump(Now.AddDays(3), 1), Dump(Now.AddHours(-2))], Now)
            .Select(d => d.Date.Value).ShouldBe([Now.AddDays(3), Now.AddHours(2)]);

    [Test]
    public void A_dump_later_today_is_explained_not_skewed() =>
        DumpClock.Read([Dump(Now.AddHours(5))], Now, serverIsLocal: true).ShouldSatisfyAllConditions(
            r => r.Skewed.ShouldBeEmpty(), r => r.Explained.Count.ShouldBe(1));

    [Test]
    public void A_dump_dated_tomorrow_from_this_machines_server_is_skewed() =>
        DumpClock.Read([Dump(Now.AddHours(10))], Now, serverIsLocal: true).Skewed.Count.ShouldBe(1);

    [Test]
    public void A_remote_server_may_date_up_to_14_hours_ahead_in_its_time_zone()
    {
        DumpClock.Read([Dump(Now.AddHours(10)), Dump(Now.AddHours(14))], Now, serverIsLocal: false).ShouldSatisfyAllConditions(
            r => r.Skewed.ShouldBeEmpty(), r => r.Explained.Count.ShouldBe(2));
        DumpClock.Read([Dump(Now.AddHours(14).AddMinutes(1))], Now, serverIsLocal: false).Skewed.Count.ShouldBe(1);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Three_days_ahead_is_skewed_whichever_the_server(bool serverIsLocal) =>
        DumpClock.Read([Dump(Now.AddDays(3)), Dump(Now.AddHours(1))], Now, serverIsLocal).Skewed.Select(d => d.Date.Value).ShouldBe([Now.AddDays(3)]);
}

