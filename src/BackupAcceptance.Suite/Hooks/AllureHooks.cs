using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.ReqnrollNUnit;
using BackupAcceptance.Suite.Drivers;
using BackupAcceptance.Suite.Reporting;
using Reqnroll;

namespace BackupAcceptance.Suite.Hooks;

/// <summary>
/// Turns each scenario into an Allure result as it runs: Gherkin steps as steps with their timing and status, the
/// amrecover transcript of each step attached to it, and at the end the result with what
/// <see cref="ScenarioFacts"/> says about the scenario.
/// </summary>
[Binding]
public sealed class AllureHooks(ScenarioContext scenario, FeatureContext feature, BackupDriver driver, RestoreDriver restores, ScenarioReport report,
    AllureReport allure, ScenarioTranscript transcripts)
{
    [BeforeStep]
    public void BeforeStep()
    {
        report.BeginStep();
        transcripts.BeginStep(driver.SessionTranscript, DateTimeOffset.Now, ScenarioTrace());
    }

    [AfterStep]
    public void AfterStep()
    {
        var info = scenario.StepContext.StepInfo;
        if (driver.SessionTranscript is { } transcript)
        {
            // This step's exchanges only: a session rented in this step carries the exchanges of earlier scenarios.
            var part = transcripts.StepPart(transcript);
            if (part.Entries.Count > 0 || part.NotKept != 0)
                report.Attach(allure.Writer.WriteTextAttachment("amrecover transcript", AllureTranscript.Render(part, failed: scenario.TestError is not null)));
        }
        // The step's own verdict, by the scenario's rule: a step that raised nothing passed.
        var step = ScenarioJudgement.Of(driver.Failure, scenario.TestError, null);
        var (status, details) = (step.AllureStatus, step.AllureDetails);
        report.EndStep(StepName(report.Steps.Count) ?? $"{info.StepDefinitionType} {info.Text}", status, details);
    }

    // Runs before ScenarioHooks (Order 0) returns the session, while the transcript and failure are still there.
    [AfterScenario(Order = -100)]
    public async Task WriteResultAsync()
    {
        var plots = await CountPlotsAsync();
        var facts = Facts();
        var fullName = $"{facts.Feature} / {facts.Scenario}";
        var parameters = facts.Parameters();
        var judgement = report.Judgement;
        var (status, details) = (judgement.AllureStatus, judgement.AllureDetails);
        allure.Writer.WriteResult(new AllureResult(
            Guid.NewGuid().ToString(),
            AllureIds.HistoryId(fullName, parameters),
            AllureIds.TestCaseId(fullName),
            fullName,
            [facts.Feature],
            facts.Scenario,
            string.IsNullOrWhiteSpace(scenario.ScenarioInfo.Description) ? null : scenario.ScenarioInfo.Description,
            status,
            details,
            report.Start,
            DateTimeOffset.Now.ToUnixTimeMilliseconds(),
            AllSteps(),
            plots,
            parameters,
            AllureSuites.Replace(facts.Labels(), driver.Target, driver.Estate, facts.Feature),
            facts.Links(allure.Config)));
    }

    /// <summary>For each disk this scenario counted, a plot of its file count dump after dump, from the count history
    /// (this run's counts included: Hooks/HistoryHooks wrote them before).</summary>
    private async Task<List<AllureAttachment>> CountPlotsAsync()
    {
        var counts = report.Counts;
        if (counts.Count == 0) return [];
        var latest = counts[^1];
        report.Facts["files counted"] = latest.Files.ToString(System.Globalization.CultureInfo.InvariantCulture);
        report.Facts["directories counted"] = latest.Directories.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var plots = new List<AllureAttachment>();
        if (report.CountHistoryProblem is { } problem) plots.Add(allure.Writer.WriteTextAttachment("file count per dump", problem));
        try
        {
            foreach (var target in counts.Select(c => c.Target).Distinct())
            {
                var history = await allure.Counts.ForDiskAsync(target.Config, target.Host, target.Disk, CancellationToken.None);
                plots.Add(allure.Writer.WriteSvgAttachment("file count per dump", CountPlot.Render($"{target}: files per dump", history)));
            }
        }
        catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
        {
            // The trend is a view of the checks, not a check: a read-only history loses the plot, never the verdict.
            plots.Add(allure.Writer.WriteTextAttachment("file count per dump", $"count history {allure.Counts.Path} not usable: {unwritable.Message}"));
        }
        return plots;
    }

    /// <summary>The trace id of the activity the runner started for this scenario: its amrecover exchanges carry it.</summary>
    private string? ScenarioTrace() =>
        scenario.ScenarioContainer.IsRegistered<System.Diagnostics.Activity>()
            ? scenario.ScenarioContainer.Resolve<System.Diagnostics.Activity>().TraceId.ToHexString()
            : null;

    /// <summary>Read when the scenario has ended: its verdict's failure is the one the result speaks of.</summary>
    private ScenarioFacts Facts() => new(
        feature.FeatureInfo.Title, scenario.ScenarioInfo.Title, driver.Target, driver.Estate, report.Judgement.Failure,
        (report.Judgement.Failure as ExpectationFailedException)?.DumpDate ?? driver.DumpSeen, restores.Restored?.Seed, report.Facts,
        scenario.ScenarioInfo.Arguments, scenario.ScenarioInfo.CombinedTags);

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
}
