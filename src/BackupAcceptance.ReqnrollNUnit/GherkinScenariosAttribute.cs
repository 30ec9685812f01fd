using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// NUnit test builder for the scenario method of <see cref="ReqnrollFeatureFixture"/>: one named test per
/// scenario of the fixture's feature, Gherkin tags as categories, <c>@ignore</c> as an ignored test, and a
/// failing test for a feature that could not be loaded.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class GherkinScenariosAttribute : NUnitAttribute, ITestBuilder
{
    /// <summary>Test property holding the scenario's location ("backup/Nightly.feature:12").</summary>
    public const string LocationProperty = "ScenarioLocation";

    /// <summary>Display name of the test that reports a feature that could not be loaded.</summary>
    public const string LoadErrorTestName = "Feature could not be loaded";

    private readonly NUnitTestCaseBuilder _builder = new();

    /// <inheritdoc />
    public IEnumerable<TestMethod> BuildFrom(IMethodInfo method, Test? suite)
    {
        if (suite?.Arguments is not [FeatureDefinition feature])
            return [];

        return feature.LoadError is { } error
            ? [BuildLoadError(method, suite, error)]
            : feature.Scenarios.Select(scenario => BuildScenario(method, suite, scenario));
    }

    // Not runnable, so NUnit reports it failed with the reason: a broken file is never silently skipped.
    private TestMethod BuildLoadError(IMethodInfo method, Test suite, string error)
    {
        var test = _builder.BuildTestMethod(method, suite, new TestCaseParameters([null]));
        Name(test, suite, LoadErrorTestName, "LoadError");
        test.MakeInvalid(error);
        return test;
    }

    private TestMethod BuildScenario(IMethodInfo method, Test suite, ScenarioDefinition scenario)
    {
        var parameters = new TestCaseParameters([scenario]);
        foreach (var tag in scenario.AllTags)
            parameters.Properties.Add(PropertyNames.Category, tag);

        if (scenario.Description.Length > 0)
            parameters.Properties.Set(PropertyNames.Description, scenario.Description);

        // reqnroll.json generator.addNonParallelizableMarkerForTags: Reqnroll applies it at generation time only.
        if (scenario.AllTags.Any(scenario.Feature.Settings.NonParallelizableTags.Contains))
            parameters.Properties.Set(PropertyNames.ParallelScope, ParallelScope.None);

        if (scenario.IsIgnored)
        {
            parameters.RunState = RunState.Ignored;
            parameters.Properties.Set(PropertyNames.SkipReason, "Ignored scenario (@ignore)");
        }

        parameters.Properties.Set(LocationProperty, scenario.Location);

        var test = _builder.BuildTestMethod(method, suite, parameters);
        Name(test, suite, scenario.Name, scenario.MethodName);
        return test;
    }

    private static void Name(TestMethod test, Test suite, string displayName, string identifier)
    {
        test.Name = displayName;                          // what dotnet test and IDEs show; --filter Name~
        test.FullName = $"{suite.FullName}.{identifier}"; // --filter FullyQualifiedName~, free of spaces and dots
    }
}
