using Shouldly;

namespace BackupAcceptance.ReqnrollNUnit.Tests.Support;

/// <summary>What one out-of-process run of the sample project produced.</summary>
internal sealed record SampleRun(int ExitCode, string Output, IReadOnlyList<TrxTestResult> Results, IReadOnlyList<string> HookLog)
{
    /// <summary>FullName prefix of every sample feature fixture.</summary>
    public const string FixtureNamespace = "BackupAcceptance.ReqnrollNUnit.Samples.Features.";

    /// <summary>The one result for the test <c>FixtureNamespace + fixtureAndScenario</c>.</summary>
    public TrxTestResult Test(string fixtureAndScenario)
    {
        var matches = Results.Where(result => result.FullName == FixtureNamespace + fixtureAndScenario).ToList();
        matches.Count.ShouldBe(1, $"results named {fixtureAndScenario}; the run printed:\n{Output}");
        return matches[0];
    }
}
