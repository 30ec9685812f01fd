namespace BackupAcceptance.ReqnrollNUnit.Tests.Support;

/// <summary>One test result of a TRX file.</summary>
/// <param name="FullName">NUnit FullName: fixture FullName plus the scenario's identifier.</param>
/// <param name="Name">The display name.</param>
/// <param name="Outcome">TRX outcome: Passed, Failed or NotExecuted.</param>
/// <param name="Message">The error message; empty when there is none.</param>
/// <param name="StandardOutput">What the test wrote (Reqnroll's step trace).</param>
internal sealed record TrxTestResult(string FullName, string Name, string Outcome, string Message, string StandardOutput);
