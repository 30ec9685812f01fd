using BackupAcceptance.ReqnrollNUnit.Samples.Support;
using Reqnroll;

namespace BackupAcceptance.ReqnrollNUnit.Samples.StepDefinitions;

/// <summary>Hooks of every kind; each leaves a trace that a step or the hook log can check.</summary>
[Binding]
public sealed class SampleHooks(BackupJournal journal)
{
    public const string FeatureTitleKey = "opened for feature";

    public static bool TestRunStarted { get; private set; }

    [BeforeTestRun]
    public static async Task BeforeTestRunAsync()
    {
        TestRunStarted = true;
        await HookLog.WriteAsync("BeforeTestRun");
    }

    [AfterTestRun]
    public static Task AfterTestRunAsync() => HookLog.WriteAsync("AfterTestRun");

    [BeforeFeature]
    public static async Task BeforeFeatureAsync(FeatureContext feature)
    {
        feature[FeatureTitleKey] = feature.FeatureInfo.Title;
        await HookLog.WriteAsync($"BeforeFeature {feature.FeatureInfo.Title}");
    }

    [AfterFeature]
    public static Task AfterFeatureAsync(FeatureContext feature) =>
        HookLog.WriteAsync($"AfterFeature {feature.FeatureInfo.Title}");

    [BeforeScenario]
    public void OpenJournal() => journal.OpenedBy = "BeforeScenario";

    // Scoped to @audited: must not run for any other scenario.
    [BeforeScenario("audited")]
    public void AuditScenario() => journal.AuditTrail.Add("audited");

    [AfterScenario]
    public static Task AfterScenarioAsync(ScenarioContext scenario) =>
        HookLog.WriteAsync($"AfterScenario {scenario.ScenarioInfo.Title}: {scenario.ScenarioExecutionStatus}");

    [BeforeStep]
    public void CountStartedStep() => journal.StepsStarted++;

    [AfterStep]
    public void CountFinishedStep() => journal.StepsFinished++;
}
