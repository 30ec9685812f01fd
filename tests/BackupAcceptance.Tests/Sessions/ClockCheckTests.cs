using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Sessions;

/// <summary>The clock check's verdict: a note for what today's date or a time zone explains, else broken, naming the
/// server's clock (or its time zone).</summary>
public sealed class ClockCheckTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 17, 30, 0);
    private static readonly BackupTarget Target = new("ba-daily", "localhost", "/etc");

    private static DumpRecord Dump(DateTime date) => new(new DumpDate(date), 0, "ba-daily", "ba-daily-01", 1);

    [Test]
    public void A_dump_later_the_same_day_is_a_note()
    {
        var (note, skew) = ClockCheck.Judge([Dump(Now.AddHours(5)), Dump(Now.AddDays(-1))], Target, Now, serverIsLocal: true, "");
        skew.ShouldBeNull();
        note.ShouldNotBeNull();
        note.ShouldContain("2026-12-06-22-30-00");
        note.ShouldContain("takes in the whole day");
    }

    [Test]
    public void Across_time_zones_a_remote_server_within_14_hours_is_a_note()
    {
        // Server on UTC, this machine on UTC-5: its dumps of the last 5 hours are dated up to 5 hours ahead.
        var (note, skew) = ClockCheck.Judge([Dump(Now.AddHours(9))], Target, Now, serverIsLocal: false, "");
        skew.ShouldBeNull();
        note.ShouldNotBeNull();
        note.ShouldContain("time zone");
    }

    [Test]
    public void The_same_dump_from_this_machines_own_server_is_broken() =>
        ClockCheck.Judge([Dump(Now.AddHours(9))], Target, Now, serverIsLocal: true, "").Skew.ShouldNotBeNull();

    [TestCase(true)]
    [TestCase(false)]
    public void Three_days_ahead_is_broken_naming_the_servers_clock_or_its_time_zone(bool serverIsLocal)
    {
        var (note, skew) = ClockCheck.Judge([Dump(Now.AddDays(3))], Target, Now, serverIsLocal, "tail");
        note.ShouldBeNull();
        skew.ShouldNotBeNull();
        skew.Category.ShouldBe(FailureCategory.AmandaUnreachable);
        skew.Message.ShouldContain("the server's clock (or its time zone)");
        skew.Message.ShouldContain("72 hours ahead");
        skew.Message.ShouldContain("hides a dump dated a later day");
    }
}
