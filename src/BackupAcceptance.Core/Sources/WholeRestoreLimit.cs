namespace BackupAcceptance.Core.Sources;

/// <summary>The most a whole restore may write, in KiB, and the setting a reader changes it by (named in a refusal).</summary>
public sealed record WholeRestoreLimit(long KiB, string Setting);
