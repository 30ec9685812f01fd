namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>One volume of a dump in <c>history</c>: the storage, the label, and the dump's tape files on it (one per
/// part of a split dump; <c>-1</c>, or none, for a holding file).</summary>
public sealed record DumpVolume(string Storage, string Label, IReadOnlyList<int> FileNumbers)
{
    /// <summary>The storage amindexd names for a dump still on the holding disk (docs/amrecover.md, section 5).</summary>
    public const string HoldingStorage = "HOLDING";
}
