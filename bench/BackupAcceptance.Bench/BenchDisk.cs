namespace BackupAcceptance.Bench;

/// <summary>A dumped disk to walk: Amanda config, host and disk as in the disklist.</summary>
public sealed record BenchDisk(string Config, string Host, string Disk)
{
    public override string ToString() => $"{Config} {Host}:{Disk}";
}
