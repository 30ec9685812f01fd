using System.Diagnostics;
using NUnit.Framework;
using Reqnroll;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// Base of the test assembly's feature fixture. Put <c>[TestFixtureSource]</c> over
/// <see cref="FeatureCatalog.Fixtures"/> on a derived class: NUnit then makes one fixture per feature, and
/// <see cref="GherkinScenariosAttribute"/> one test per scenario. The lifecycle follows the code Reqnroll's
/// NUnit generator emits: SetUp switches features, the test runs the scenario, TearDown ends it.
/// </summary>
/// <remarks>
/// One instance per test case, so that scenarios may run in parallel without sharing the runner field.
/// </remarks>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public abstract class ReqnrollFeatureFixture(FeatureDefinition feature)
{
    private ITestRunner? _runner;

    /// <summary>The name of the activity each scenario runs under (<see cref="Activity.Current"/> in its hooks and steps).</summary>
    public const string ScenarioActivityName = "BackupAcceptance.ReqnrollNUnit.Scenario";

    /// <summary>The feature this fixture runs.</summary>
    protected FeatureDefinition Feature => feature;

    /// <summary>Takes a test runner and makes sure this feature is the one started on it.</summary>
    [SetUp]
    public async Task StartScenarioAsync()
    {
        var runner = _runner = TestRunnerManager.GetTestRunnerForAssembly(GetType().Assembly, featureHint: feature.FeatureInfo);
        try
        {
            // A pooled runner may still hold another feature: end it first (its AfterFeature hooks).
            if (runner.FeatureContext is { } context && !ReferenceEquals(context.FeatureInfo, feature.FeatureInfo))
                await runner.OnFeatureEndAsync();
        }
        finally
        {
            // Once a BeforeFeature hook has failed, every scenario of the feature fails, as in generated code.
            if (runner.FeatureContext?.BeforeFeatureHookFailed == true)
                throw new ReqnrollException("Scenario skipped because of previous before feature hook error");

            if (runner.FeatureContext is null)
                await runner.OnFeatureStartAsync(feature.FeatureInfo);
        }
    }

    /// <summary>Runs one scenario; <see cref="GherkinScenariosAttribute"/> makes one test case per scenario.</summary>
    [GherkinScenarios]
    public async Task Scenario(ScenarioDefinition scenario)
    {
        var runner = _runner ?? throw new InvalidOperationException("SetUp did not provide a Reqnroll test runner.");

        // No #line pragmas point at the feature file, so the output does.
        await TestContext.Out.WriteLineAsync($"Scenario: {scenario.Name} ({scenario.Location})");

        // One trace per scenario (a root: a fresh trace id), current while its hooks and steps run: what they do can
        // be told from what parallel scenarios do (the suite tags amrecover exchanges with it). Registered for the
        // scenario's bindings; AfterScenario hooks run in TearDown, after it stopped, and read its id.
        Activity.Current = null;
        using var activity = new Activity(ScenarioActivityName).Start();
        activity.DisplayName = scenario.Name;

        runner.OnScenarioInitialize(scenario.CreateScenarioInfo(), scenario.CreateRuleInfo());
        runner.ScenarioContext.ScenarioContainer.RegisterInstanceAs(activity);
        // Bindings may take NUnit's TestContext by constructor injection, as with Reqnroll.NUnit.
        runner.ScenarioContext.ScenarioContainer.RegisterInstanceAs(TestContext.CurrentContext);
        // Lets reports list every step as written, including those never run after a failure.
        runner.ScenarioContext.ScenarioContainer.RegisterInstanceAs(scenario);

        if (scenario.IsIgnored)
        {
            // NUnit does not run ignored tests; this only guards runners that would.
            await runner.SkipScenarioAsync();
        }
        else
        {
            await runner.OnScenarioStartAsync();
            foreach (var step in scenario.Steps)
                await step.ExecuteAsync(runner);
        }

        // Throws the first step error, or reports undefined and pending steps through NUnitRuntimeProvider.
        await runner.CollectScenarioErrorsAsync();
    }

    /// <summary>Fires the AfterScenario hooks and returns the runner to Reqnroll's pool.</summary>
    [TearDown]
    public async Task EndScenarioAsync()
    {
        if (_runner is not { } runner)
            return;

        try
        {
            await runner.OnScenarioEndAsync();
        }
        finally
        {
            TestRunnerManager.ReleaseTestRunner(runner);
            _runner = null;
        }
    }

    /// <summary>
    /// Fires the AfterFeature hooks as soon as NUnit is done with the fixture, not at process exit.
    /// Static, because there is one instance per test case; the feature comes from the fixture's arguments.
    /// </summary>
    [OneTimeTearDown]
    public static async Task EndFeatureAsync()
    {
        var fixture = TestContext.CurrentContext.Test;
        if (fixture.Arguments is [FeatureDefinition { LoadError: null } definition] && fixture.Type is { } type)
            await TestRunnerManager.ReleaseFeatureAsync(definition.FeatureInfo, type.Assembly);
    }
}
