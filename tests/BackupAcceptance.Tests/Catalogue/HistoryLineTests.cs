using BackupAcceptance.Amanda.Catalogue;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Catalogue;

public sealed class HistoryLineTests
{
    private static DumpRecord Parse(string line)
    {
        HistoryLine.TryParse(line, out var record).ShouldBeTrue(line);
        return record!;
    }

    [Test]
    public void A_dump_in_one_tape_file()
    {
        // Verbatim (docs/amrecover.md, section 5).
        var dump = Parse("201- 2026-11-26-20-09-55 0 ba-daily:ba-daily-02:1");
        dump.Date.ToString().ShouldBe("2026-11-26-20-09-55");
        dump.Level.ShouldBe(0);
        dump.Storage.ShouldBe("ba-daily");
        dump.Label.ShouldBe("ba-daily-02");
        dump.FileNumbers.ShouldBe([1]);
        dump.FirstFileNumber.ShouldBe(1);
        dump.OnHoldingDisk.ShouldBeFalse();
    }

    [Test]
    public void A_dump_split_into_parts_lists_every_tape_file()
    {
        // Verbatim from a site whose tapetype has part-size (docs/amrecover.md, section 5).
        var dump = Parse("201- 2026-12-06-13-09-01 0 ba-nightly:ba-nightly-03:1,2,3,4,5,6,7");
        dump.Date.ToString().ShouldBe("2026-12-06-13-09-01");
        dump.Storage.ShouldBe("ba-nightly");
        dump.Label.ShouldBe("ba-nightly-03");
        dump.FileNumbers.ShouldBe([1, 2, 3, 4, 5, 6, 7]);
        dump.FirstFileNumber.ShouldBe(1);
        dump.Location.ShouldBe("ba-nightly:ba-nightly-03:1,2,3,4,5,6,7");
    }

    [Test]
    public void A_dump_on_the_holding_disk_has_storage_HOLDING_and_file_minus_one()
    {
        var dump = Parse("201- 2026-12-06-14-00-00 1 HOLDING:/srv/amanda/holding/ba-daily/20261206140000/localhost._srv_fixtures_big.1:-1");
        dump.Level.ShouldBe(1);
        dump.OnHoldingDisk.ShouldBeTrue();
        dump.Label.ShouldBe("/srv/amanda/holding/ba-daily/20261206140000/localhost._srv_fixtures_big.1");
        dump.FileNumbers.ShouldBe([-1]);
        dump.FirstFileNumber.ShouldBeNull();
    }

    [Test]
    public void A_dump_on_two_volumes_keeps_both()
    {
        // marshal_tapelist: volumes joined by ';'.
        var dump = Parse("201- 2026-12-06-13-09-01 0 ba-daily:ba-daily-03:6,7;ba-daily:ba-daily-04:1,2");
        dump.Volumes.Select(v => $"{v.Storage}:{v.Label}:{string.Join(',', v.FileNumbers)}").ShouldBe(["ba-daily:ba-daily-03:6,7", "ba-daily:ba-daily-04:1,2"]);
        dump.FileNumbers.ShouldBe([6, 7]);
    }

    [Test]
    public void Escaped_separators_belong_to_the_label() =>
        // amindexd escapes , ; : and \ in a label with a backslash.
        Parse(@"201- 2026-12-06-13-09-01 0 ba-daily:site\:ba-daily\,03:4").Label.ShouldBe("site:ba-daily,03");

    [Test]
    public void An_unreadable_tape_list_keeps_the_dump_its_date_and_level()
    {
        var dump = Parse("201- 2026-12-06-13-09-01 2 something-else-entirely");
        dump.Level.ShouldBe(2);
        dump.Volumes.ShouldBeEmpty();
        dump.Location.ShouldBe("something-else-entirely");
        dump.FirstFileNumber.ShouldBeNull();
    }

    [TestCase("200- Dump history for config \"ba-daily\" host \"localhost\" disk /srv/fixture")]
    [TestCase("200 Dump history for config \"ba-daily\" host \"localhost\" disk /srv/fixture")]
    [TestCase("201- not-a-date 0 ba-daily:ba-daily-01:1")]
    public void Header_and_malformed_lines_are_not_dumps(string line) => HistoryLine.TryParse(line, out _).ShouldBeFalse();
}
