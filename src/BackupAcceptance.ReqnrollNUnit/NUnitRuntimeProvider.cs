using NUnit.Framework;
using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// Turns Reqnroll's pending, undefined, inconclusive and ignore signals into NUnit outcomes.
/// </summary>
/// <remarks>
/// Reqnroll.NUnit makes a pending or undefined step Inconclusive, which <c>dotnet test</c> counts as skipped
/// and exits 0 on: an unimplemented acceptance test would look green. Here it FAILS, with Reqnroll's message
/// (it holds the step definition skeleton for an undefined step). reqnroll.json
/// <c>runtime.missingOrPendingStepsOutcome</c> still picks Inconclusive or Ignore if a project wants that.
/// </remarks>
public sealed class NUnitRuntimeProvider : IUnitTestRuntimeProvider
{
    /// <inheritdoc />
    public void TestPending(string message) => Assert.Fail(message);

    /// <inheritdoc />
    public void TestInconclusive(string message) => Assert.Inconclusive(message);

    /// <inheritdoc />
    public void TestIgnore(string message) => Assert.Ignore(message);

    /// <inheritdoc />
    public ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) =>
        exception is InconclusiveException or IgnoreException ? ScenarioExecutionStatus.Skipped : null;
}
