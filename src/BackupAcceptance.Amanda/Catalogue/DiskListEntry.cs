namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>
/// One disk list entry (DLE) as the Amanda server resolved it (<c>amadmin CONFIG disklist</c>): the dumptype's
/// settings merged in. Names and patterns are Latin-1 text, one char per byte, as the disklist file holds them.
/// </summary>
/// <param name="Host">The client, as the disklist names it.</param>
/// <param name="Disk">The DLE's name: what amrecover's <c>setdisk</c> and the index use.</param>
/// <param name="Device">What the backup program reads (the disklist's optional third word); the disk name when absent.</param>
/// <param name="Program">"GNUTAR", "DUMP" or "APPLICATION".</param>
/// <param name="Application">The application-tool name when <paramref name="Program"/> is "APPLICATION", else null.</param>
/// <param name="Exclude">The <c>exclude file</c> and <c>exclude list</c> rules.</param>
/// <param name="Include">The <c>include file</c> and <c>include list</c> rules.</param>
/// <param name="DefinedAt">Where the disklist defines it: "line 2 (/etc/amanda/ba-daily/disklist)".</param>
/// <param name="Settings">Every other upper-case setting as printed (STRATEGY, ESTIMATE, ...), by name; the value raw.</param>
public sealed record DiskListEntry(
    string Host,
    string Disk,
    string Device,
    string Program,
    string? Application,
    DiskListRules Exclude,
    DiskListRules Include,
    string DefinedAt,
    IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>The disk name and the device differ: the live files are at the device.</summary>
    public bool HasOwnDevice => !string.Equals(Disk, Device, StringComparison.Ordinal);

    /// <summary>Backed up by GNU tar, directly (GNUTAR) or through an application (amgtar is the usual one; its
    /// properties are not in this record).</summary>
    public bool IsGnuTar => Program == "GNUTAR";

    public override string ToString() => $"{Host} {Disk}{(HasOwnDevice ? $" (device {Device})" : "")} {Program}";
}
