namespace BackupAcceptance.Core.Sources;

/// <summary>A system's own words in the reader's sentences: restic takes "snapshots of this host and path", Amanda
/// "dumps of the disk".</summary>
/// <param name="Backup">One backup: "snapshot", "dump".</param>
/// <param name="OfSubject">What the backups are of, after "no snapshot": "of this host and path".</param>
public sealed record BackupWords(string Backup, string OfSubject)
{
    public static BackupWords Snapshots { get; } = new("snapshot", "of this host and path");

    /// <summary>"no snapshot of this host and path": what an empty history is.</summary>
    public string None => $"no {Backup} {OfSubject}";
}
