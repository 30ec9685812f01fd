namespace BackupAcceptance.Core.Sources;

/// <summary>Two backups compared by a system (<see cref="IBackupComparison"/>).</summary>
/// <param name="Differs">Whether anything told them apart.</param>
/// <param name="Paths">How many paths the two hold between them: what the comparison looked at.</param>
/// <param name="Alike">What was found the same when nothing differs, as the reader's "found" ("the same 10 paths
/// (a level 0's listing shows no sizes or times, so only names can differ)").</param>
public sealed record BackupDifference(bool Differs, int Paths, string Alike);
