using System.Text.RegularExpressions;
using BackupAcceptance.Tests.Support;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>./run.sh baseline against the real demo configuration: the file it writes is the same for the same dumps,
/// it never overwrites without --force, and run through the suite its scenarios pass, except exactly those it warned
/// of (the demo's faulty disks: hollow, empty, never dumped, a damaged index, a count drop; the estate), which fail.</summary>
[Category("Integration")]
public sealed partial class BaselineIntegrationTests
{
    private string _work = "";

    [SetUp]
    public void Create()
    {
        RealAmanda.Require();
        _work = Directory.CreateTempSubdirectory("ba-baseline-").FullName;
    }

    [TearDown]
    public void Remove() => Directory.Delete(_work, recursive: true);

    [GeneratedRegex(@"^  Scenario: (.+)$", RegexOptions.Multiline)]
    private static partial Regex ScenarioLine();

    [Test]
    [Category("Slow")] // two baselines of every ba-daily disk, then the suite on all of them: CI runs it (./run.sh test --all)
    public async Task The_baseline_of_daily_passes_where_it_warns_of_nothing_and_fails_where_it_does()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var first = Path.Combine(_work, "first.feature");
        var written = await BaselineAsync(["ba-daily", "--out", first], timeout.Token);
        written.ExitCode.ShouldBe(0, written.StandardError);
        written.StandardOutput.ShouldContain($"wrote {first}: ");
        var text = await File.ReadAllTextAsync(first, timeout.Token);

        // The same dumps give the same file, byte for byte; an existing file is never overwritten without --force.
        var second = Path.Combine(_work, "second.feature");
        (await BaselineAsync(["ba-daily", "--out", second], timeout.Token)).ExitCode.ShouldBe(0);
        (await File.ReadAllBytesAsync(second, timeout.Token)).ShouldBe(await File.ReadAllBytesAsync(first, timeout.Token));
        var refused = await BaselineAsync(["ba-daily", "--out", first, "--paths", "0"], timeout.Token);
        refused.ExitCode.ShouldBe(2);
        refused.StandardError.ShouldContain("exists; give --force to overwrite it");
        (await File.ReadAllTextAsync(first, timeout.Token)).ShouldBe(text);

        // A disk never dumped still gets a scenario, warned of, that fails until it is dumped: never a silent gap; an
        // empty one is never blessed; the estate scenario catches disks added later.
        Section(text, "localhost /srv/fixtures/notdumped").ShouldContain("# WARNING: its dumps could not be read: ");
        Section(text, "localhost /srv/fixtures/notdumped").ShouldContain("Then the disk has a dump");
        text.ShouldContain("Scenario: localhost /srv/fixtures/hollow\n");
        Section(text, "localhost /srv/fixtures/hollow").ShouldContain("And the backup contains at least one file");
        Section(text, "localhost /etc").ShouldContain("And the backup contains these paths:");

        var warned = ScenarioLine().Matches(text).Select(m => m.Groups[1].Value)
            .Where(name => Section(text, name).Contains("# WARNING: ", StringComparison.Ordinal)).ToHashSet();
        warned.ShouldContain("localhost /srv/fixtures/hollow");
        warned.ShouldContain("localhost /srv/fixtures/empty");
        warned.ShouldContain("localhost /srv/fixtures/shrinking");
        warned.ShouldContain("localhost /srv/fixtures/notdumped");
        warned.ShouldContain("localhost /srv/fixtures/cutindex");
        warned.ShouldContain("every disk of ba-daily");

        var run = await SuiteRunner.RunAsync(first, null, timeout.Token);
        run.Results.Count.ShouldBe(ScenarioLine().Matches(text).Count, run.Console);
        foreach (var result in run.Results)
        {
            var name = result.Name;
            if (warned.Contains(name)) result.Outcome.ShouldBe("Failed", $"{name} was warned of, so it must fail: {result.Message}");
            else result.Outcome.ShouldBe("Passed", $"{name}: {result.Message}");
        }
    }

    [Test]
    public async Task An_unknown_configuration_writes_nothing_and_says_why()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = Path.Combine(_work, "none.feature");
        var result = await BaselineAsync(["no-such-config", "--out", output], timeout.Token);
        result.ExitCode.ShouldBe(2);
        result.StandardError.ShouldContain("cannot read configuration no-such-config");
        File.Exists(output).ShouldBeFalse();
    }

    /// <summary>The text of one scenario, from its Scenario line to the next blank line.</summary>
    private static string Section(string text, string scenario)
    {
        var start = text.IndexOf($"  Scenario: {scenario}\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"no scenario {scenario}");
        var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
        // Warnings stand above the steps they concern, so the section runs back to the tag line before it.
        var tag = text.LastIndexOf("\n\n", start, StringComparison.Ordinal);
        return text[(tag < 0 ? 0 : tag)..(end < 0 ? text.Length : end)];
    }

    private static Task<BufferedCommandResult> BaselineAsync(string[] arguments, CancellationToken cancellationToken) =>
        Cli.Wrap("dotnet").WithArguments([BaselineAssembly(), .. arguments])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);

    private static string BaselineAssembly()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var path = Path.Combine(Repository.Root, "src", "BackupAcceptance.Baseline", "bin", baseDirectory.Parent!.Name, baseDirectory.Name,
            "BackupAcceptance.Baseline.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The baseline tool is not built: {path}");
    }
}
