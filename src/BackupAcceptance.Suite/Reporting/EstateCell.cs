namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// One disk on one night on the estate page: the worst verdict of the night's last run on it, the newest dump's file
/// count and age. <see cref="CountOnly"/>: no verdict is kept for that night, only a count from the count history.
/// </summary>
public sealed record EstateCell(
    string Status,
    int? Files,
    string? Dump,
    double? DumpAgeHours,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Scenarios,
    bool CountOnly = false)
{
    /// <summary>A dump with nothing in it: said so by the check's category, or a whole count of zero files.</summary>
    public bool Hollow => Categories.Contains("Hollow backup") || Files == 0;

    public bool Bad => Status is "failed" or "broken" || Hollow;
}
