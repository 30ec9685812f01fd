namespace BackupAcceptance.Core.Sources;

/// <summary>Restored files held against the live ones they came from, before any verdict: what matched, what did not,
/// and what was not compared and why. Its report (<c>Checks/RestoreComparisonReport</c>) stays kilobytes for a
/// disk of any size.</summary>
/// <param name="Header">What the live side was and how many files were compared, changed and excluded.</param>
/// <param name="Matches">"path sha256" of each file that matched, in comparison order.</param>
/// <param name="Mismatches">One line per mismatch, in full (path, live and restored SHA-256; never a restored byte).</param>
/// <param name="NotCompared">One line per file not compared, with why.</param>
/// <param name="Compared">Files compared, matched or not (after a whole restore, live files looked for in it too).</param>
public sealed record RestoreComparison(
    IReadOnlyList<string> Header, IReadOnlyList<string> Matches, IReadOnlyList<string> Mismatches, IReadOnlyList<string> NotCompared, int Compared);
