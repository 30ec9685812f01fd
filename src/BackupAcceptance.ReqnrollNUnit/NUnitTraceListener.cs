using NUnit.Framework;
using Reqnroll.Tracing;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// Writes Reqnroll's step trace into the output of the NUnit test that runs the step. Synchronous on
/// purpose: NUnit routes <see cref="TestContext.Out"/> by execution context, so parallel tests keep their own.
/// </summary>
public sealed class NUnitTraceListener : ITraceListener
{
    /// <inheritdoc />
    public void WriteTestOutput(string message) => TestContext.Out.WriteLine(message);

    /// <inheritdoc />
    public void WriteToolOutput(string message) => TestContext.Out.WriteLine("-> " + message);
}
