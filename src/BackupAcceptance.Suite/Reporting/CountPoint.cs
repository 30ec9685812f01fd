namespace BackupAcceptance.Suite.Reporting;

/// <summary>One whole count of one dump of one disk, as the count history keeps it (one JSON line each).</summary>
/// <param name="Dump">The dump's date as amrecover names it (2026-12-05-21-10-58).</param>
/// <param name="Counted">When the run counted it (UTC).</param>
public sealed record CountPoint(string Config, string Host, string Disk, string Dump, int Files, int Directories, DateTimeOffset Counted);
