namespace BackupAcceptance.Core.Sources;

/// <summary>A whole restore held against what it must give, before any verdict.</summary>
/// <param name="Expected">What the restore must hold ("every entry of the listing as listed (12 files, 3 directories)"),
/// for the failure's "expected".</param>
/// <param name="Restored">Files (not directories) restored as expected.</param>
/// <param name="Differences">One line per difference ("/a/x: not restored", "/z: restored, not in the listing"), by path.</param>
public sealed record WholeRestoreComparison(string Expected, int Restored, IReadOnlyList<string> Differences);
