using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using BackupAcceptance.Outputs.Summary;

namespace BackupAcceptance.Outputs.Junit;

/// <summary>
/// junit.xml for CI systems (GitLab's artifacts:reports:junit, Jenkins): a test suite per feature, a test case per
/// scenario whose class name is the disk (config/host:disk). A backup fault is a &lt;failure&gt;, a check that could not
/// run an &lt;error&gt;, so a CI page tells a bad backup from a run that could not look; the message is the reason.
/// </summary>
public static class JunitReport
{
    public const string FileName = "junit.xml";

    /// <param name="missing">Why there is no summary (run is null): the run is then one &lt;error&gt;, never an empty green file.</param>
    public static string Render(RunFile? run, string? missing = null)
    {
        var suites = run is null
            ? [new XElement("testsuite", Counts("backup acceptance", 1, 0, 1, 0),
                new XElement("testcase", new XAttribute("name", "the run"), new XAttribute("classname", "backup acceptance"), new XAttribute("time", "0"),
                    Problem("error", "Suite defect", $"no summary of the run: {missing ?? "the build or the test host failed before the run ended"}")))]
            : run.Scenarios.GroupBy(s => s.Feature).OrderBy(g => g.Key, StringComparer.Ordinal).Select(feature => Suite(run, feature)).ToList();
        var root = new XElement("testsuites", new XAttribute("name", "backup acceptance"),
            new XAttribute("tests", suites.Sum(s => (int)s.Attribute("tests")!)),
            new XAttribute("failures", suites.Sum(s => (int)s.Attribute("failures")!)),
            new XAttribute("errors", suites.Sum(s => (int)s.Attribute("errors")!)),
            run is null ? null : new XAttribute("time", Seconds((run.FinishedUtc - run.StartedUtc).TotalSeconds)),
            run is null ? null : new XAttribute("timestamp", Timestamp(run.StartedUtc)),
            suites);
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }

    private static XElement Suite(RunFile run, IGrouping<string, ScenarioEntry> feature)
    {
        var cases = feature.Select(Case).ToList();
        var failures = feature.Count(s => s.Verdict == ScenarioEntry.Failed);
        var errors = feature.Count(s => s.Verdict is not (ScenarioEntry.Passed or ScenarioEntry.Failed));
        return new XElement("testsuite", Counts(feature.Key, cases.Count, failures, errors, feature.Sum(s => s.Seconds)),
            new XAttribute("timestamp", Timestamp(run.StartedUtc)), new XAttribute("hostname", Text(run.Host)), cases);
    }

    private static XElement Case(ScenarioEntry scenario)
    {
        var element = new XElement("testcase", new XAttribute("name", Text(scenario.Name)),
            new XAttribute("classname", Text(ClassName(scenario))), new XAttribute("time", Seconds(scenario.Seconds)));
        if (scenario.Verdict == ScenarioEntry.Failed) element.Add(Problem("failure", scenario.Category ?? "Backup fault", scenario.Reason));
        else if (scenario.Verdict != ScenarioEntry.Passed) element.Add(Problem("error", scenario.Category ?? "Suite defect", scenario.Reason));
        return element;
    }

    /// <summary>The disk the scenario is about, "ba-daily/localhost:/etc"; the configuration for an estate; the
    /// feature when it named no disk.</summary>
    public static string ClassName(ScenarioEntry scenario) =>
        scenario.Config is null ? scenario.Feature
        : scenario.Disk is null ? $"{scenario.Config}/every disk"
        : $"{scenario.Config}/{scenario.Host}:{scenario.Disk}";

    private static XElement Problem(string kind, string type, string reason) =>
        new(kind, new XAttribute("message", Text(reason)), new XAttribute("type", Text(type)), Text(reason));

    private static object[] Counts(string name, int tests, int failures, int errors, double seconds) =>
    [
        new XAttribute("name", Text(name)), new XAttribute("tests", tests), new XAttribute("failures", failures),
        new XAttribute("errors", errors), new XAttribute("skipped", 0), new XAttribute("time", Seconds(seconds)),
    ];

    private static string Seconds(double seconds) => Math.Max(0, seconds).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 cannot hold most control characters (an amrecover name may): each becomes U+FFFD.</summary>
    private static string Text(string text) =>
        string.Concat(text.Select(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD'));
}
