using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>One dump of a disk as <c>history</c> lists it: when, at which level, and where it is stored.</summary>
public sealed record DumpRecord(DumpDate Date, int Level, string Storage, string Label, int FileNumber);
