using BackupAcceptance.Amanda.Catalogue;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Catalogue;

public sealed class DumpCatalogueTests
{
    // Verbatim from `amadmin ba-nightly find` on the demo (docs/amrecover.md, section 7), columns as padded.
    private const string Nightly = """

        date                host      disk                             lv storage    pool       tape or file                                                                            file part  status
        2026-12-04 01:15:36 localhost /srv/fixtures/nightly/aged        0 ba-nightly ba-nightly ba-nightly-01                                                                              1   1/1 OK 
        2026-12-07 01:16:21 localhost /srv/fixtures/nightly/aged        1 ba-nightly ba-nightly ba-nightly-03                                                                              1   1/1 OK 
        2026-12-07 01:16:38 localhost /srv/fixtures/nightly/holding     0 HOLDING    HOLDING    /srv/amanda/holding/ba-nightly/20261207011638/localhost._srv_fixtures_nightly_holding.0    0 -1/-1 OK 
        2026-12-07 01:15:42 localhost /srv/fixtures/nightly/split       0 ba-nightly ba-nightly ba-nightly-02                                                                             19   3/4 OK 
        2026-12-07 01:15:42 localhost /srv/fixtures/nightly/split       0 ba-nightly ba-nightly ba-nightly-02                                                                             17   1/4 OK 
        2026-12-07 01:15:42 localhost /srv/fixtures/nightly/split       0 ba-nightly ba-nightly ba-nightly-02                                                                             18   2/4 OK 
        2026-12-07 01:15:42 localhost /srv/fixtures/nightly/split       0 ba-nightly ba-nightly ba-nightly-02                                                                             20   4/4 OK 

        """;

    private static DumpCatalogue Read(string output)
    {
        var (catalogue, why) = DumpCatalogue.Parse(output);
        catalogue.ShouldNotBeNull(why);
        return catalogue;
    }

    [Test]
    public void A_disk_s_dumps_come_newest_first_with_their_levels()
    {
        var aged = Read(Nightly).DumpsOf("localhost", "/srv/fixtures/nightly/aged");
        aged.Select(d => (d.Date.ToString(), d.Level, d.Label)).ShouldBe([
            ("2026-12-07-01-16-21", 1, "ba-nightly-03"),
            ("2026-12-04-01-15-36", 0, "ba-nightly-01"),
        ]);
    }

    [Test]
    public void A_split_dump_is_one_dump_with_its_parts_files_in_part_order()
    {
        var split = Read(Nightly).DumpsOf("localhost", "/srv/fixtures/nightly/split").ShouldHaveSingleItem();
        split.FileNumbers.ShouldBe([17, 18, 19, 20]);
        split.Location.ShouldBe("ba-nightly:ba-nightly-02:17,18,19,20");
    }

    [Test]
    public void A_dump_on_the_holding_disk_counts_as_history_shows_it()
    {
        var holding = Read(Nightly).DumpsOf("localhost", "/srv/fixtures/nightly/holding").ShouldHaveSingleItem();
        holding.OnHoldingDisk.ShouldBeTrue();
        holding.Level.ShouldBe(0);
    }

    [Test]
    public void Hosts_match_without_regard_to_case_and_an_unknown_disk_has_no_dump()
    {
        var catalogue = Read(Nightly);
        catalogue.DumpsOf("LOCALHOST", "/srv/fixtures/nightly/aged").Count.ShouldBe(2);
        catalogue.DumpsOf("localhost", "/srv/fixtures/nightly/none").ShouldBeEmpty();
        catalogue.DumpsOf("localhost", "/srv/fixtures/nightly").ShouldBeEmpty("a disk name is exact, not a prefix");
        catalogue.Unclear("localhost", "/srv/fixtures/nightly/aged").ShouldBeNull();
    }

    // The statuses find.c prints besides OK (part status, dump status, message), and a failed dump: no label.
    [TestCase("2026-12-07 01:20:00 localhost /srv/fixtures/nightly/aged  0 ba-nightly ba-nightly ba-nightly-04  3  1/1 OK PARTIAL")]
    [TestCase("2026-12-07 01:20:00 localhost /srv/fixtures/nightly/aged  0 HOLDING HOLDING /srv/amanda/holding/x.0  0 -1/-1 PARTIAL PARTIAL")]
    [TestCase("2026-12-07 01:20:00 localhost /srv/fixtures/nightly/aged  0 ba-nightly ba-nightly  -1/-1 FAILED (dumper) [data timeout]")]
    [TestCase("2026-12-07 01:20:00 localhost /srv/fixtures/nightly/aged  0 ba-nightly ba-nightly  0 -1/-1 FAILED (planner) [disk offline]")]
    public void A_dump_none_of_whose_parts_is_OK_is_left_out_as_amindexd_leaves_it(string line)
    {
        var catalogue = Read(Nightly + line + "\n");
        catalogue.DumpsOf("localhost", "/srv/fixtures/nightly/aged").Select(d => d.Date.ToString())
            .ShouldBe(["2026-12-07-01-16-21", "2026-12-04-01-15-36"], "the failed dump is not the newest");
        catalogue.Unclear("localhost", "/srv/fixtures/nightly/aged").ShouldBeNull();
    }

    [Test]
    public void A_dump_with_some_parts_OK_and_one_not_makes_its_disk_unclear_for_amrecover_to_judge()
    {
        var catalogue = Read(Nightly.Replace("20   4/4 OK ", "20   4/4 OK FAIL Missing part", StringComparison.Ordinal));
        catalogue.Unclear("localhost", "/srv/fixtures/nightly/split")!.ShouldContain("OK FAIL Missing part");
        catalogue.Unclear("localhost", "/srv/fixtures/nightly/aged").ShouldBeNull("only the disk with the odd part");
    }

    [Test]
    public void An_OK_line_with_a_column_missing_is_not_guessed_at()
    {
        var (catalogue, why) = DumpCatalogue.Parse(Nightly + "2026-12-07 01:20:00 localhost /etc 0 ba-daily ba-daily 15 1/1 OK\n");
        catalogue.ShouldBeNull();
        why.ShouldContain("does not know");
    }

    [Test]
    public void A_quoted_disk_name_is_unquoted_as_Amanda_quotes_it()
    {
        // quote_string: a name with a space is printed in double quotes, a quote or backslash inside escaped.
        var catalogue = Read("2026-12-07 01:13:30 localhost \"/srv/my \\\"odd\\\" disk\"  0 ba-daily ba-daily ba-daily-01  15  1/1 OK\n");
        catalogue.DumpsOf("localhost", "/srv/my \"odd\" disk").ShouldHaveSingleItem().Label.ShouldBe("ba-daily-01");
    }

    [Test]
    public void A_configuration_without_timestamps_gives_the_day_alone()
    {
        var dump = Read("2026-12-07 localhost /etc 0 ba-daily ba-daily ba-daily-01 15 1/1 OK\n").DumpsOf("localhost", "/etc").ShouldHaveSingleItem();
        dump.Date.Value.ShouldBe(new DateTime(2026, 12, 7));
        dump.Date.Precision.ShouldBe(BackupAcceptance.Amanda.Listing.DumpDatePrecision.Day);
    }

    [TestCase("2026-12-07 01:13:30 localhost /etc zero ba-daily ba-daily ba-daily-01 15 1/1 OK")]
    [TestCase("2026-12-07 01:13:30 localhost \"/etc 0 ba-daily ba-daily ba-daily-01 15 1/1 OK")]
    [TestCase("2026-12-07 01:13:30 localhost /etc 0 ba-daily")]
    [TestCase("2026-12-07 01:13:30 localhost /etc")]
    [TestCase("amadmin: something went wrong")]
    public void A_line_this_reader_does_not_know_makes_none_of_the_catalogue_trusted(string odd)
    {
        var (catalogue, why) = DumpCatalogue.Parse(Nightly + odd + "\n");
        catalogue.ShouldBeNull();
        why.ShouldContain("does not know");
    }

    [Test]
    public void An_empty_catalogue_has_no_dump_of_any_disk()
    {
        Read("\ndate                host      disk                lv storage pool   tape or file file part status\n")
            .DumpsOf("localhost", "/etc").ShouldBeEmpty();
    }
}
