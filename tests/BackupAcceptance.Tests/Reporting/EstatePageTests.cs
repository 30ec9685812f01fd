using BackupAcceptance.Suite.Reporting;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Reporting;

public sealed class EstatePageTests
{
    private static string Page(params EstateRecord[] records) =>
        EstatePage.Render(EstateTable.Build(EstateTable.NightsEnding(new DateOnly(2026, 12, 6), 14), records, []),
            "Backups", new DateTimeOffset(2026, 12, 6, 7, 0, 0, TimeSpan.Zero), "allure-report/index.html");

    private static EstateRecord Record(string disk, string status, int? files, string? category = null) =>
        new("2026-12-06T02:00", "2026-12-06", "ba-daily", "localhost", disk, "s", status, category, files, "2026-12-06-01-00-00", 6);

    [Test]
    public void The_page_is_one_file_that_asks_nothing_of_the_network()
    {
        var html = Page(Record("/etc", "passed", 1315));

        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
        html.ShouldContain("default-src 'none'");
        html.ShouldContain("<th class=\"night latest\">12-06</th>");
        html.ShouldContain("<th class=\"night\">11-23</th>", customMessage: "14 nights ending on the run's");
    }

    [Test]
    public void Each_cell_says_its_verdict_files_and_dump_age_and_marks_failed_broken_and_hollow_ones()
    {
        var html = Page(Record("/etc", "passed", 1315), Record("/srv/hollow", "failed", null, "Hollow backup"),
            Record("/srv/down", "broken", null, "Amanda unreachable or misconfigured"), Record("/srv/few", "failed", 3, "Too few files"));

        html.ShouldContain("<span class=\"mark\">✔</span> 1,315<br><small>dump 6 h</small>");
        html.ShouldContain("<td class=\"failed hollow\"");
        html.ShouldContain("<b>hollow</b>");
        html.ShouldContain("<td class=\"broken\"");
        html.ShouldContain("<b>broken</b>");
        html.ShouldContain("<span class=\"mark\">✘</span> 3 <b>failed</b>");
        html.ShouldContain("<b>3 failed, broken or hollow</b>");
    }

    [Test]
    public void Names_are_escaped()
    {
        var html = Page(Record("/srv/<b>&\"odd\"", "passed", 1));

        html.ShouldContain("/srv/&lt;b&gt;&amp;&quot;odd&quot;");
        html.ShouldNotContain("/srv/<b>");
    }
}
