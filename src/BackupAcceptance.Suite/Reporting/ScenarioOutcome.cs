using BackupAcceptance.Expectations;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>One scenario's result as the console summary shows it, and what monitoring reads of it (summary.json).</summary>
public sealed record ScenarioOutcome(string Feature, string Scenario, ScenarioVerdict Verdict, string Reason)
{
    public bool Passed => Verdict == ScenarioVerdict.Passed;

    /// <summary>The failure category's title ("Hollow backup"), null when it passed.</summary>
    public string? Category { get; init; }

    /// <summary>The disk the scenario named, or the estate's configuration (host and disk "*"), when known.</summary>
    public BackupTarget? Target { get; init; }

    /// <summary>The dump the scenario's verdict is about (its failure's, else its restore's), when known.</summary>
    public string? DumpDate { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public TimeSpan Duration { get; init; }

    public IReadOnlyList<DiskMeasurement> Disks { get; init; } = [];
}
