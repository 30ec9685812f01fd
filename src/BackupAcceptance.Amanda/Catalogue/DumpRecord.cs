using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>One dump of a disk as <c>history</c> lists it: when, at which level, and where it is stored.</summary>
/// <param name="Volumes">The volumes holding it, in amindexd's order; usually one. Empty only when amindexd's tape list
/// could not be read (the date and level, which every chain rests on, still stand).</param>
/// <param name="Location">The tape list as amindexd printed it (<c>ba-daily:ba-daily-03:1,2,3</c>), for messages.</param>
public sealed record DumpRecord(DumpDate Date, int Level, IReadOnlyList<DumpVolume> Volumes, string Location)
{
    /// <summary>A dump on one volume (tests, and the common case).</summary>
    public DumpRecord(DumpDate date, int level, string storage, string label, params IReadOnlyList<int> fileNumbers)
        : this(date, level, [new DumpVolume(storage, label, fileNumbers)], $"{storage}:{label}:{string.Join(',', fileNumbers)}")
    {
    }

    /// <summary>The storage of the first volume ("" when unknown); <c>HOLDING</c> for a dump still on the holding disk.</summary>
    public string Storage => Volumes.Count > 0 ? Volumes[0].Storage : "";

    /// <summary>The label of the first volume ("" when unknown); the holding file for a dump on the holding disk.</summary>
    public string Label => Volumes.Count > 0 ? Volumes[0].Label : "";

    /// <summary>Every tape file of the dump on its first volume: one per part when it was split (<c>part-size</c>).</summary>
    public IReadOnlyList<int> FileNumbers => Volumes.Count > 0 ? Volumes[0].FileNumbers : [];

    /// <summary>Where the dump starts on its first volume: the first part's file; null on the holding disk or when unknown.</summary>
    public int? FirstFileNumber => FileNumbers.Count > 0 && FileNumbers[0] >= 0 ? FileNumbers[0] : null;

    /// <summary>Left on the holding disk (<c>amdump --no-taper</c>, or a taper that failed): amrecover restores from there.</summary>
    public bool OnHoldingDisk => Storage == DumpVolume.HoldingStorage;
}
