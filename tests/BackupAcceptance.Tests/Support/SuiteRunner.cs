using System.Xml.Linq;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Tests.Support;

/// <summary>One scenario's result as the real suite reported it in its TRX file.</summary>
internal sealed record SuiteTestResult(string Name, string Outcome, string Message, string Output);

/// <summary>What one run of the suite left behind.</summary>
internal sealed record SuiteRun(int ExitCode, IReadOnlyList<SuiteTestResult> Results, string Summary, string Console,
    IReadOnlyList<System.Text.Json.Nodes.JsonObject> AllureResults, IReadOnlyDictionary<string, string> AllureFiles)
{
    /// <summary>The run's BACKUP_ACCEPTANCE_RUN_ID: every process it started carries it, or one under it, in its
    /// environment (amrecover and the Amanda servers it forks too), so a test looks only at its own run's processes.</summary>
    public string Scope { get; init; } = "";

    /// <summary>The living processes of this run whose command line holds <paramref name="fragment"/>.</summary>
    public IReadOnlyList<int> Living(string fragment) => SuiteRunner.Living(Scope, fragment);

    public SuiteTestResult Single(string name) =>
        Results.SingleOrDefault(r => r.Name == name) ?? throw new InvalidOperationException(
            $"No result named '{name}' in: {string.Join(", ", Results.Select(r => r.Name))}\n{Console}");

    /// <summary>The scenario's Allure result: its status tells failed (a backup fault) from broken.</summary>
    public System.Text.Json.Nodes.JsonObject AllureResult(string scenario) =>
        AllureResults.SingleOrDefault(r => (string?)r["name"] == scenario) ?? throw new InvalidOperationException(
            $"No Allure result named '{scenario}'\n{Console}");

    public string Status(string scenario) => (string)AllureResult(scenario)["status"]!;

    public string Message(string scenario) => (string?)AllureResult(scenario)["statusDetails"]?["message"] ?? "";

    /// <summary>The text of the attachment a step of the scenario made under that name.</summary>
    public string StepAttachment(string scenario, string attachment) =>
        AllureFiles[(string)AllureResult(scenario)["steps"]!.AsArray().SelectMany(s => s!["attachments"]!.AsArray())
            .Single(a => (string?)a!["name"] == attachment)!["source"]!];
}

/// <summary>
/// Runs the real acceptance suite (the built BackupAcceptance.Suite.dll) the way a user does, with
/// <c>dotnet test</c>, against feature files of the test's choosing, and reads back its TRX and summary.
/// </summary>
internal static class SuiteRunner
{
    /// <param name="environment">Extra variables for the suite (its results go to a private folder regardless).</param>
    /// <param name="inspect">Called with the results folder before it is removed (to render the report, say).</param>
    /// <param name="scope">The run's id (see <see cref="NewScope"/>), given when a test must find the run's processes
    /// while it runs; else a new one.</param>
    public static async Task<SuiteRun> RunAsync(string featuresPath, string? filter, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null, Func<string, Task>? inspect = null, string? scope = null)
    {
        scope ??= NewScope();
        var work = Directory.CreateTempSubdirectory("ba-suite-run-").FullName;
        try
        {
            var arguments = new List<string> { "test", SuiteAssembly(), "--logger", "trx;LogFileName=suite.trx", "--results-directory", work };
            if (filter is not null) arguments.AddRange(["--filter", filter]);
            var result = await Cli.Wrap("dotnet").WithArguments(arguments)
                .WithEnvironmentVariables(env => env
                    .Set("BACKUP_ACCEPTANCE_FEATURES", featuresPath)
                    .Set("BACKUP_ACCEPTANCE_RESULTS", Path.Combine(work, "results"))
                    .Set("BACKUP_ACCEPTANCE_RUN_ID", scope)
                    .Set((environment ?? new Dictionary<string, string>()).ToDictionary(p => p.Key, p => (string?)p.Value)))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken);
            var trx = Path.Combine(work, "suite.trx");
            var console = result.StandardOutput + result.StandardError;
            if (!File.Exists(trx))
                return new SuiteRun(result.ExitCode, [], "", console, [], new Dictionary<string, string>()) { Scope = scope }; // it stopped before any test
            var summaryFile = Path.Combine(work, "results", "summary.txt");
            var summary = File.Exists(summaryFile) ? await File.ReadAllTextAsync(summaryFile, cancellationToken) : "";
            // The Allure results folder, read before the work folder goes: result objects, and every file's text.
            var allure = Path.Combine(work, "results", "allure-results");
            var files = Directory.Exists(allure)
                ? Directory.EnumerateFiles(allure).ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f))
                : new Dictionary<string, string>();
            var results = files.Where(f => f.Key.EndsWith("-result.json", StringComparison.Ordinal))
                .Select(f => System.Text.Json.Nodes.JsonNode.Parse(f.Value)!.AsObject()).ToList();
            if (inspect is not null) await inspect(Path.Combine(work, "results"));
            return new SuiteRun(result.ExitCode, ReadTrx(trx), summary, console, results, files) { Scope = scope };
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A run id of its own, under this test host's when it has one (run.sh's ".../tests": its watchdog then
    /// covers the run too).</summary>
    public static string NewScope()
    {
        var parent = Environment.GetEnvironmentVariable("BACKUP_ACCEPTANCE_RUN_ID");
        var own = $"suite-runner-{Guid.NewGuid():N}";
        return parent is { Length: > 0 } && System.Text.RegularExpressions.Regex.IsMatch(parent, @"^[A-Za-z0-9.-]+(/[A-Za-z0-9.-]+)*\z")
            ? $"{parent}/{own}"
            : own;
    }

    /// <summary>The living processes (zombies aside) whose environment names <paramref name="scope"/> or one under it
    /// and whose command line holds <paramref name="fragment"/>.</summary>
    public static IReadOnlyList<int> Living(string scope, string fragment) =>
        ProcessTable.LivingWithCommandLine(fragment).Where(pid => RunScript.InScope(ProcessTable.Environment(pid), scope)).ToList();

    private static IReadOnlyList<SuiteTestResult> ReadTrx(string path)
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        return XDocument.Load(path).Descendants(ns + "UnitTestResult").Select(r => new SuiteTestResult(
            (string?)r.Attribute("testName") ?? "",
            (string?)r.Attribute("outcome") ?? "",
            r.Descendants(ns + "Message").FirstOrDefault()?.Value ?? "",
            r.Descendants(ns + "StdOut").FirstOrDefault()?.Value ?? "")).ToList();
    }

    /// <summary>The suite assembly of the same build configuration as this test assembly.</summary>
    private static string SuiteAssembly()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var framework = baseDirectory.Name;
        var configuration = baseDirectory.Parent!.Name;
        var path = Path.Combine(Repository.Root, "src", "BackupAcceptance.Suite", "bin", configuration, framework, "BackupAcceptance.Suite.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The suite is not built: {path}");
    }
}
