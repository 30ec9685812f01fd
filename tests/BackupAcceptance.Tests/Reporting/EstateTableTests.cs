using BackupAcceptance.Suite.Reporting;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Reporting;

public sealed class EstateTableTests
{
    private static readonly IReadOnlyList<string> Nights = EstateTable.NightsEnding(new DateOnly(2026, 12, 6), 3);
    private static readonly EstateDisk Etc = new("ba-daily", "localhost", "/etc");

    private static EstateRecord Record(string night, string status, int? files = 100, string run = "02:00", string disk = "/etc",
        string? category = null, string dump = "2026-12-05-01-00-00") =>
        new($"{night}T{run}", night, "ba-daily", "localhost", disk, $"scenario {status}", status, category, files, dump, 25);

    [Test]
    public void The_columns_are_the_last_nights_oldest_first_and_a_night_without_a_run_has_no_cell()
    {
        Nights.ShouldBe(["2026-12-04", "2026-12-05", "2026-12-06"]);
        var table = EstateTable.Build(Nights, [Record("2026-12-04", "passed"), Record("2026-12-06", "passed"), Record("2026-12-01", "failed")], []);

        table.Disks.ShouldBe([Etc]);
        table.Cell(Etc, "2026-12-05").ShouldBeNull();
        table.Cell(Etc, "2026-12-04")!.Status.ShouldBe("passed");
    }

    [Test]
    public void A_nights_cell_is_the_worst_verdict_of_its_last_run()
    {
        var table = EstateTable.Build(Nights,
        [
            Record("2026-12-06", "failed", run: "01:00"),
            Record("2026-12-06", "passed", run: "03:00"),
            Record("2026-12-06", "broken", run: "03:00", files: null),
            Record("2026-12-05", "passed"), Record("2026-12-05", "failed", category: "Count drop"), Record("2026-12-05", "broken"),
        ], []);

        table.Cell(Etc, "2026-12-06")!.Status.ShouldBe("broken", "the 03:00 run is the night's word; its worst is broken");
        table.Cell(Etc, "2026-12-06")!.Scenarios.Count.ShouldBe(2);
        table.Cell(Etc, "2026-12-05")!.Status.ShouldBe("failed");
        table.Cell(Etc, "2026-12-05")!.Categories.ShouldBe(["Count drop"]);
    }

    [Test]
    public void A_hollow_disk_is_marked_by_its_category_or_a_count_of_zero_and_a_passed_one_is_not()
    {
        var table = EstateTable.Build(Nights,
            [Record("2026-12-06", "failed", files: null, category: "Hollow backup"), Record("2026-12-05", "passed", files: 0), Record("2026-12-04", "passed")], []);

        table.Cell(Etc, "2026-12-06")!.Hollow.ShouldBeTrue();
        table.Cell(Etc, "2026-12-05")!.Hollow.ShouldBeTrue();
        table.Cell(Etc, "2026-12-04")!.Hollow.ShouldBeFalse();
        table.Cell(Etc, "2026-12-04")!.Bad.ShouldBeFalse();
    }

    [Test]
    public void The_newest_dump_gives_the_count_and_age()
    {
        var table = EstateTable.Build(Nights,
            [Record("2026-12-06", "passed", files: 90, dump: "2026-12-01-01-00-00"), Record("2026-12-06", "passed", files: 120, dump: "2026-12-06-01-00-00")], []);

        table.Cell(Etc, "2026-12-06")!.Files.ShouldBe(120);
        table.Cell(Etc, "2026-12-06")!.Dump.ShouldBe("2026-12-06-01-00-00");
    }

    [Test]
    public void A_night_with_only_a_count_shows_the_count_without_a_verdict()
    {
        var counted = new CountPoint("ba-daily", "localhost", "/etc", "2026-12-04-20-00-00", 77, 7, new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
        var table = EstateTable.Build(Nights, [Record("2026-12-06", "passed")], [counted]);

        var cell = table.Cell(Etc, counted.Counted.ToLocalTime().ToString("yyyy-MM-dd"))!;
        cell.CountOnly.ShouldBeTrue();
        cell.Files.ShouldBe(77);
        cell.Bad.ShouldBeFalse();
    }
}
