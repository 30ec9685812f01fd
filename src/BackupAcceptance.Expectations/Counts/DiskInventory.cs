using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Expectations.Counts;

/// <summary>Everything a full walk of the dump in view saw: exact counts, every path, the files among them, and how
/// it was counted.</summary>
public sealed record DiskInventory(WalkSummary Summary, IReadOnlySet<RawPath> Paths, IReadOnlyList<RawPath> Files, WalkNote Note);
