namespace BackupAcceptance.Suite.Reporting;

/// <summary>One scenario's result as the console summary shows it.</summary>
public sealed record ScenarioOutcome(string Feature, string Scenario, ScenarioVerdict Verdict, string Reason)
{
    public bool Passed => Verdict == ScenarioVerdict.Passed;
}
