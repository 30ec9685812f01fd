namespace BackupAcceptance.Core.Sources;

/// <summary>How long a full restore takes, as measured or estimated: its range, and what it rests on for the report
/// and a failure's "found" ("estimated full restore: 12 to 14 s (...)").</summary>
public sealed record RecoveryEstimate(TimeSpan Fastest, TimeSpan Slowest, string How);
