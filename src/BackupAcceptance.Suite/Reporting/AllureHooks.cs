using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.ReqnrollNUnit;
using BackupAcceptance.Suite.Support;
using NUnit.Framework;
using Reqnroll;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// Turns each scenario into an Allure result: Gherkin steps as steps with their timing and status, the amrecover
/// transcript of each step attached to it, parameters (config, host, disk, dump date, seed), labels from the
/// feature, the target and the tags, links from tags, and failed versus broken by the kind of error.
/// </summary>
[Binding]
public sealed class AllureHooks(ScenarioContext scenario, FeatureContext feature, BackupContext backup, ScenarioReport report)
{
    [BeforeTestRun(Order = -100)]
    public static void StartReport() => AllureRun.Start();

    [BeforeStep]
    public void BeforeStep()
    {
        report.BeginStep();
        report.TranscriptMark = (int)(backup.SessionTranscript?.Count ?? 0);
    }

    [AfterStep]
    public void AfterStep()
    {
        var info = scenario.StepContext.StepInfo;
        if (AllureRun.Writer is { } writer && backup.SessionTranscript is { } transcript && transcript.Count > report.TranscriptMark)
        {
            var entries = transcript.Entries;
            var fresh = entries.Skip(Math.Max(0, entries.Count - (int)(transcript.Count - report.TranscriptMark)));
            report.Attach(writer.WriteTextAttachment("amrecover transcript", string.Join("\n", fresh.SelectMany(e => e.Lines()))));
        }
        var (status, details) = scenario.TestError is { } error ? Classify(error) : (AllureStatus.Passed, new AllureStatusDetails());
        report.EndStep(StepName(report.Steps.Count) ?? $"{info.StepDefinitionType} {info.Text}", status, details);
    }

    /// <summary>The scenario as written (the glue registers it): keyword as in the feature file ("And "), and text.</summary>
    private ScenarioDefinition? Definition =>
        scenario.ScenarioContainer.IsRegistered<ScenarioDefinition>() ? scenario.ScenarioContainer.Resolve<ScenarioDefinition>() : null;

    private string? StepName(int index) =>
        Definition?.Steps is { } steps && index < steps.Count ? $"{steps[index].Keyword.Trim()} {steps[index].Text}" : null;

    /// <summary>Steps after a failure never run and get no hooks; they are listed as skipped.</summary>
    private IReadOnlyList<AllureStep> AllSteps()
    {
        var ran = report.Steps;
        var skipped = Enumerable.Range(ran.Count, Math.Max(0, (Definition?.Steps.Count ?? 0) - ran.Count))
            .Select(i => new AllureStep(StepName(i)!, AllureStatus.Skipped, new AllureStatusDetails(), report.Start, report.Start, []));
        return [.. ran, .. skipped];
    }

    // Runs before ScenarioHooks (Order 0) returns the session, while the transcript and failure are still there.
    [AfterScenario(Order = -100)]
    public void WriteResult()
    {
        if (AllureRun.Writer is not { } writer) return;
        var title = scenario.ScenarioInfo.Title;
        var fullName = $"{feature.FeatureInfo.Title} / {title}";
        var parameters = Parameters();
        var (status, details) = scenario.TestError is { } error ? Classify(error)
            : scenario.ScenarioExecutionStatus == ScenarioExecutionStatus.OK ? (AllureStatus.Passed, new AllureStatusDetails())
            : (AllureStatus.Broken, new AllureStatusDetails($"Suite defect: the scenario ended as {scenario.ScenarioExecutionStatus}."));
        var tags = scenario.ScenarioInfo.CombinedTags;
        writer.WriteResult(new AllureResult(
            Guid.NewGuid().ToString(),
            AllureIds.HistoryId(fullName, parameters),
            AllureIds.TestCaseId(fullName),
            fullName,
            [feature.FeatureInfo.Title],
            title,
            string.IsNullOrWhiteSpace(scenario.ScenarioInfo.Description) ? null : scenario.ScenarioInfo.Description,
            status,
            details,
            report.Start,
            DateTimeOffset.Now.ToUnixTimeMilliseconds(),
            AllSteps(),
            [],
            parameters,
            Labels(tags),
            Links(tags)));
    }

    /// <summary>An expectation not met is "failed"; Amanda unreachable, a suite defect or any other error is "broken".</summary>
    private (AllureStatus, AllureStatusDetails) Classify(Exception error)
    {
        var failure = backup.Failure ?? error as ExpectationFailedException ?? error.InnerException as ExpectationFailedException;
        var status = failure is not null && failure.Category.IsBackupDefect() ? AllureStatus.Failed : AllureStatus.Broken;
        var message = failure?.Message ?? (error is AssertionException ? error.Message : $"Suite defect: {error.GetType().Name}: {error.Message}");
        return (status, new AllureStatusDetails(message, error.ToString()));
    }

    private List<AllureParameter> Parameters()
    {
        var parameters = new List<AllureParameter>();
        if (backup.Target is { } target)
            parameters.AddRange([new("config", target.Config), new("host", target.Host), new("disk", target.Disk)]);
        foreach (System.Collections.DictionaryEntry argument in scenario.ScenarioInfo.Arguments)
            parameters.Add(new(argument.Key.ToString() ?? "", argument.Value?.ToString() ?? ""));
        // Values that differ from run to run are shown but kept out of the history id.
        var dumpDate = backup.Failure?.DumpDate ?? backup.Restored?.DumpDate;
        if (dumpDate is { } date) parameters.Add(new("dump date", date.ToString(), Excluded: true));
        if (backup.Restored?.Seed is { } seed) parameters.Add(new("seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), Excluded: true));
        foreach (var (name, value) in report.Facts) parameters.Add(new(name, value, Excluded: true));
        return parameters;
    }

    private List<AllureLabel> Labels(string[] tags)
    {
        var labels = new List<AllureLabel>
        {
            new("feature", feature.FeatureInfo.Title),
            new("story", scenario.ScenarioInfo.Title),
            new("host", Environment.MachineName),
            new("thread", Environment.CurrentManagedThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("framework", "reqnroll"),
            new("language", "csharp"),
        };
        if (backup.Target is { } target)
            labels.AddRange([new("epic", target.Config), new("parentSuite", target.Config), new("suite", target.Host), new("subSuite", target.Disk)]);
        else if (backup.Estate is { Count: > 0 } estate)
            labels.AddRange([new("epic", estate[0].Config), new("parentSuite", estate[0].Config), new("suite", "every disk")]);
        foreach (var tag in tags)
        {
            if (tag.StartsWith("severity:", StringComparison.OrdinalIgnoreCase)) labels.Add(new("severity", tag["severity:".Length..]));
            else labels.Add(new("tag", tag));
        }
        return labels;
    }

    private static List<AllureLink> Links(string[] tags) =>
        [.. from tag in tags
            from pattern in AllureRun.Config.Links
            where tag.StartsWith(pattern.TagPrefix, StringComparison.OrdinalIgnoreCase)
            let id = tag[pattern.TagPrefix.Length..]
            select new AllureLink(id, pattern.UrlTemplate.Replace("{}", Uri.EscapeDataString(id), StringComparison.Ordinal), pattern.Type)];
}
