using System.Text.RegularExpressions;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>Scenarios of one disk share its pooled amrecover session: each scenario's test output (what NUnit,
/// vstest.console and the TRX keep) and its steps' report attachments hold only its own exchanges, never an earlier
/// scenario's (issue 26: the whole session's history in every result took vstest.console to 11 GB). Told apart by the
/// exchanges' times, which no two scenarios share.</summary>
[Category("Integration")]
public sealed partial class ScenarioTranscriptIntegrationTests
{
    private static readonly string[] Passing = ["first", "second", "third"];

    [Test]
    public async Task Each_scenario_on_a_pooled_session_reports_only_its_own_exchanges()
    {
        RealAmanda.Require();
        var work = Directory.CreateTempSubdirectory("ba-own-transcript-").FullName;
        try
        {
            var feature = Path.Combine(work, "pooled.feature");
            await File.WriteAllTextAsync(feature, "Feature: Pooled\n" + string.Concat(Passing.Select(name => $"""

                  Scenario: {name}
                    Given ba-daily config for localhost /etc
                    Then the backup contains at least one file

                """)) + """

                  Scenario: missing path
                    Given ba-daily config for localhost /etc
                    Then the backup contains these paths:
                      | path                        |
                      | no-such-path-in-etc-backup  |
                """);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var run = await SuiteRunner.RunAsync(feature, null, timeout.Token);

            var outputs = Passing.Append("missing path").ToDictionary(name => name, name => run.Single(name).Output);
            foreach (var name in Passing) run.Single(name).Outcome.ShouldBe("Passed", run.Console);
            run.Single("missing path").Outcome.ShouldBe("Failed", run.Console);

            var times = outputs.ToDictionary(o => o.Key, o => ExchangeTimes(o.Value));
            foreach (var (name, own) in times)
            {
                own.ShouldNotBeEmpty($"{name}: its output names its exchanges\n{outputs[name]}");
                foreach (var (other, theirs) in times.Where(t => t.Key != name))
                    own.Intersect(theirs).ShouldBeEmpty($"{name}'s output holds exchanges of {other}:\n{outputs[name]}");
                outputs[name].Length.ShouldBeLessThan(70_000);
                var attached = ExchangeTimes(run.StepAttachment(name, "amrecover transcript"));
                attached.ShouldNotBeEmpty();
                attached.ShouldBeSubsetOf(own, $"{name}'s step attachment holds only its scenario's exchanges");
            }
            foreach (var name in Passing)
            {
                outputs[name].ShouldMatch(@"amrecover> ls   \(\d+ ms\)\n  \(\d+ lines, sha256 [0-9a-f]{16}\)", "a passed scenario keeps its commands");
                ListingLine().IsMatch(outputs[name]).ShouldBeFalse($"a passed scenario's output lists no files:\n{outputs[name]}");
            }
            ListingLine().IsMatch(outputs["missing path"]).ShouldBeTrue($"a failed scenario keeps its outputs:\n{outputs["missing path"]}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static HashSet<string> ExchangeTimes(string text) =>
        [.. ExchangeLine().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"^\[(\d\d:\d\d:\d\d\.\d{3})\] amrecover> ", RegexOptions.Multiline)]
    private static partial Regex ExchangeLine();

    /// <summary>A line of an ls listing: the dump date, then a name.</summary>
    [GeneratedRegex(@"^  \d{4}-\d\d-\d\d-\d\d-\d\d-\d\d \S", RegexOptions.Multiline)]
    private static partial Regex ListingLine();
}
