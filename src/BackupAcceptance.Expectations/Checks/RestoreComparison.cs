namespace BackupAcceptance.Expectations.Checks;

/// <summary>Restored files against live ones: one line per file (match, MISMATCH or skipped, and why), and how many were compared.</summary>
public sealed record RestoreComparison(IReadOnlyList<string> Lines, int Compared);
