using System.Xml.Linq;
using BackupAcceptance.Suite.Reporting;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Reporting;

public sealed class CountTrendTests
{
    private string _directory = "";

    [SetUp]
    public void Create() => _directory = Directory.CreateTempSubdirectory("ba-counts-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_directory, recursive: true);

    private static CountPoint Point(string dump, int files, string disk = "/etc", int minute = 0) =>
        new("ba-daily", "localhost", disk, dump, files, files / 10, new DateTimeOffset(2026, 12, 5, 10, minute, 0, TimeSpan.Zero));

    [Test]
    public async Task Keeps_one_count_per_dump_the_latest_oldest_dump_first_and_only_the_disks_own()
    {
        var history = new CountHistory(Path.Combine(_directory, "sub", "counts.jsonl"));
        await history.RecordAsync([Point("2026-12-02-01-00-00", 100), Point("2026-12-01-01-00-00", 90), Point("2026-12-01-01-00-00", 90, "/srv")], default);
        await history.RecordAsync([Point("2026-12-02-01-00-00", 101, minute: 5)], default);
        await File.AppendAllTextAsync(history.Path, "{\"config\": \"ba-daily\", cut short by a kill\n");
        await history.RecordAsync([Point("2026-12-03-01-00-00", 40)], default);

        var points = await history.ForDiskAsync("ba-daily", "localhost", "/etc", default);
        points.Select(p => (p.Dump, p.Files)).ShouldBe([("2026-12-01-01-00-00", 90), ("2026-12-02-01-00-00", 101), ("2026-12-03-01-00-00", 40)]);
        (await history.ForDiskAsync("ba-daily", "localhost", "/nothing", default)).ShouldBeEmpty();
        (await new CountHistory(Path.Combine(_directory, "none.jsonl")).ForDiskAsync("ba-daily", "localhost", "/etc", default)).ShouldBeEmpty();
    }

    [Test]
    public async Task A_plot_shows_at_most_the_newest_sixty_dumps()
    {
        var history = new CountHistory(Path.Combine(_directory, "counts.jsonl"));
        await history.RecordAsync(Enumerable.Range(1, 70).Select(d => Point($"2026-{1 + d / 28:00}-{1 + d % 28:00}-01-00-00", d)), default);
        var points = await history.ForDiskAsync("ba-daily", "localhost", "/etc", default);
        points.Count.ShouldBe(CountHistory.PlotLimit);
        points[^1].Files.ShouldBe(70);
    }

    [Test]
    public void The_plot_is_an_svg_with_a_point_per_dump_from_zero_and_escapes_names()
    {
        var svg = XDocument.Parse(CountPlot.Render("ba-daily localhost:/srv/<a&b>: files per dump",
            [Point("2026-12-01-01-00-00", 100), Point("2026-12-02-01-00-00", 50)]));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var circles = svg.Descendants(ns + "circle").ToList();
        circles.Count.ShouldBe(2);
        circles.Select(c => c.Element(ns + "title")!.Value).ShouldBe(["2026-12-01-01-00-00: 100 files, 10 directories", "2026-12-02-01-00-00: 50 files, 5 directories"]);
        // From zero: 50 of 100 files sits halfway between the top point and the axis.
        var (top, half) = (double.Parse(circles[0].Attribute("cy")!.Value, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(circles[1].Attribute("cy")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        var axis = double.Parse(svg.Descendants(ns + "line").First().Attribute("y1")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        (axis - half).ShouldBe((axis - top) / 2, 0.1);
        svg.Descendants(ns + "title").First().Value.ShouldBe("ba-daily localhost:/srv/<a&b>: files per dump");
        XDocument.Parse(CountPlot.Render("empty", [])).Descendants(ns + "circle").ShouldBeEmpty();
    }
}
