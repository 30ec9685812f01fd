using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Catalogue;

/// <summary>Dumps dated after this machine's time, beyond the tolerance for clocks a little apart.</summary>
public sealed class DumpClockTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 17, 30, 0);

    private static DumpRecord Dump(DateTime date, int level = 0) => new(new DumpDate(date), level, "daily", "daily-01", 1);

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
}
