namespace BackupAcceptance.Core.Sources;

/// <summary>A system's own words in the reader's sentences: restic takes "snapshots of this host and path", Amanda
/// "dumps in the disk's history".</summary>
/// <param name="Backup">One backup: "snapshot", "dump".</param>
/// <param name="OfSubject">Whose backups, after "no snapshot": "of this host and path", "in the disk's history".</param>
public sealed record BackupWords(string Backup, string OfSubject)
{
    public static BackupWords Snapshots { get; } = new("snapshot", "of this host and path");

    /// <summary>"no snapshot of this host and path": what an empty history is.</summary>
    public string None => $"no {Backup} {OfSubject}";
}
