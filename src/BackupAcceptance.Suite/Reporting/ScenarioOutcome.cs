namespace BackupAcceptance.Suite.Reporting;

/// <summary>One scenario's result as the console summary shows it.</summary>
public sealed record ScenarioOutcome(string Feature, string Scenario, bool Passed, string Reason);
