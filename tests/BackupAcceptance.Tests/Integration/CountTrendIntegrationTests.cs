using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>Every whole count goes into the count history, and the disk's result carries a plot of its file count
/// dump after dump: shrinking's drop from 100 to 50 files shows in one run (its two dumps are both counted).</summary>
[Category("Integration")]
public sealed class CountTrendIntegrationTests
{
    [Test]
    public async Task A_count_drop_shows_in_the_plot_attached_to_the_disk()
    {
        RealAmanda.Require();
        var work = Directory.CreateTempSubdirectory("ba-trend-").FullName;
        try
        {
            var feature = Path.Combine(work, "trend.feature");
            await File.WriteAllTextAsync(feature, """
                Feature: Trend
                  Scenario: shrinking within 60%
                    Given ba-daily config for localhost /srv/fixtures/shrinking
                    Then the file count is within 60% of the previous dump
                """);
            var counts = Path.Combine(work, "counts.jsonl");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var run = await SuiteRunner.RunAsync(feature, null, timeout.Token, new Dictionary<string, string> { ["BACKUP_ACCEPTANCE_COUNT_HISTORY"] = counts });
            run.Single("shrinking within 60%").Outcome.ShouldBe("Passed", run.Console);

            var lines = await File.ReadAllLinesAsync(counts);
            lines.Length.ShouldBe(2, "the latest dump and the one before, each counted once");
            lines.ShouldAllBe(l => l.Contains("\"disk\":\"/srv/fixtures/shrinking\"", StringComparison.Ordinal));

            var result = run.AllureResults.Single();
            var plot = result["attachments"]!.AsArray().Single(a => (string?)a!["type"] == "image/svg+xml")!;
            ((string?)plot["name"]).ShouldBe("file count per dump");
            var svg = run.AllureFiles[(string)plot["source"]!];
            svg.ShouldContain(": 100 files, 10 directories</title>");
            svg.ShouldContain(": 50 files, 10 directories</title>");
            svg.IndexOf(": 100 files", StringComparison.Ordinal).ShouldBeLessThan(svg.IndexOf(": 50 files", StringComparison.Ordinal), "oldest dump first");
            result["parameters"]!.AsArray().ShouldContain(p => (string?)p!["name"] == "files counted");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
