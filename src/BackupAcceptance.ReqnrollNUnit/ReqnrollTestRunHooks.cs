using NUnit.Framework;
using Reqnroll;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// Base of the test assembly's <c>[SetUpFixture]</c>: fires <c>[BeforeTestRun]</c> and <c>[AfterTestRun]</c>
/// hooks, and lets Reqnroll's formatters finish their reports at the end.
/// Derive a sealed class in the GLOBAL namespace: only there does a set-up fixture wrap every fixture.
/// </summary>
public abstract class ReqnrollTestRunHooks
{
    /// <summary>Starts the Reqnroll test run for the assembly of the derived class.</summary>
    [OneTimeSetUp]
    public Task StartReqnrollTestRunAsync() => TestRunnerManager.OnTestRunStartAsync(GetType().Assembly);

    /// <summary>Ends the Reqnroll test run (AfterTestRun hooks, formatters).</summary>
    [OneTimeTearDown]
    public Task EndReqnrollTestRunAsync() => TestRunnerManager.OnTestRunEndAsync(GetType().Assembly);
}
