using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Listing;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Index;

public sealed class IndexChainTests
{
    private static DumpRecord Dump(string date, int level) => new(DumpDate.Parse(date), level, "ba-daily", "DAILY-01", 1);

    private static readonly DumpRecord[] History =
    [
        Dump("2026-11-28-10-00-00", 1),
        Dump("2026-11-27-10-00-00", 2),
        Dump("2026-11-26-10-00-00", 1),
        Dump("2026-11-25-10-00-00", 0),
        Dump("2026-11-24-10-00-00", 1),
        Dump("2026-11-20-10-00-00", 0),
    ];

    private static string Show(IReadOnlyList<DumpRecord> chain) => string.Join(" ", chain.Select(d => $"{d.Date}/{d.Level}"));

    [Test]
    public void Latest_goes_back_through_lower_levels_to_a_level_0() =>
        // The level 2 of the 27th is skipped: the newer level 1 already holds everything since the level 0.
        Show(IndexChain.Select(History, null)).ShouldBe("2026-11-28-10-00-00/1 2026-11-25-10-00-00/0");

    [Test]
    public void A_working_date_starts_the_chain_at_the_newest_dump_not_after_it() =>
        Show(IndexChain.Select(History, DumpDate.Parse("2026-11-27-12-00-00")))
            .ShouldBe("2026-11-27-10-00-00/2 2026-11-26-10-00-00/1 2026-11-25-10-00-00/0");

    [Test]
    public void A_date_given_as_a_day_includes_that_whole_day() =>
        // amrecover keeps a day as a day and amindexd compares only the day: 2026-11-27 takes the dump at 10:00 that day.
        Show(IndexChain.Select(History, DumpDate.Parse("2026-11-27"))).ShouldStartWith("2026-11-27-10-00-00/2");

    [Test]
    public void A_date_given_to_the_minute_is_that_minute_at_second_00()
    {
        // amrecover 3.5.1: "setdate 2026-12-06-13-09" answers "Working date set to 2026-12-06-13-09-00", so the dump
        // at 13:09:01 is after it and amrecover shows the one of 13:08:49.
        DumpRecord[] history = [Dump("2026-12-06-13-09-01", 0), Dump("2026-12-06-13-08-49", 0)];
        Show(IndexChain.Select(history, DumpDate.Parse("2026-12-06-13-09"))).ShouldBe("2026-12-06-13-08-49/0");
        Show(IndexChain.Select(history, DumpDate.Parse("2026-12-06-13-10"))).ShouldBe("2026-12-06-13-09-01/0");
        IndexChain.Select(history, DumpDate.Parse("2026-12-06-13-08")).ShouldBeEmpty();
    }

    [Test]
    public void A_date_given_to_the_minute_takes_in_a_dump_at_second_00() =>
        Show(IndexChain.Select([Dump("2026-12-06-13-09-00", 0)], DumpDate.Parse("2026-12-06-13-09"))).ShouldBe("2026-12-06-13-09-00/0");

    [Test]
    public void A_date_given_to_the_second_excludes_later_dumps_of_that_day() =>
        Show(IndexChain.Select(History, DumpDate.Parse("2026-11-27-09-59-59"))).ShouldBe("2026-11-26-10-00-00/1 2026-11-25-10-00-00/0");

    [Test]
    public void A_level_0_alone_is_a_chain_of_one() =>
        Show(IndexChain.Select(History, DumpDate.Parse("2026-11-25-10-00-00"))).ShouldBe("2026-11-25-10-00-00/0");

    [Test]
    public void Nothing_that_old_gives_an_empty_chain() =>
        IndexChain.Select(History, DumpDate.Parse("2026-11-01")).ShouldBeEmpty();

    [Test]
    public void History_order_does_not_matter() =>
        Show(IndexChain.Select(History.Reverse().ToArray(), null)).ShouldBe("2026-11-28-10-00-00/1 2026-11-25-10-00-00/0");
}
