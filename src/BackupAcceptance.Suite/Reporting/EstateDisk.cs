namespace BackupAcceptance.Suite.Reporting;

/// <summary>The disk a row of the estate page is about; Host "every disk" for a scenario of the whole estate.</summary>
public sealed record EstateDisk(string Config, string Host, string Disk);
