namespace BackupAcceptance.Core.DataChecks;

/// <summary>How long a data check may run, and the setting a reader changes it by (named when one is killed).</summary>
public sealed record DataCheckLimit(TimeSpan Timeout, string Setting);
