using System.Globalization;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>
/// A comparison as the report keeps it: matches counted and digested (<see cref="ListDigest"/> of every "path sha256"
/// line, so two nights can be told apart or alike); each mismatch in full up to <see cref="MismatchCap"/>, then
/// counted; files not compared with why up to <see cref="NotComparedCap"/>, then counted.
/// </summary>
public static class RestoreComparisonReport
{
    public const int MismatchCap = 200, NotComparedCap = 50;

    /// <summary>The attachment's text.</summary>
    public static string Text(this RestoreComparison comparison)
    {
        var lines = new List<string>(comparison.Header)
        {
            comparison.Matches.Count == 0 ? "no file matched"
                : string.Create(CultureInfo.InvariantCulture,
                    $"{comparison.Matches.Count} matched (live SHA-256 = restored SHA-256); list digest sha256 {ListDigest.Of(comparison.Matches.Order(StringComparer.Ordinal))}"),
        };
        lines.AddRange(ListDigest.Capped(comparison.Mismatches.Select(m => "MISMATCH " + m), MismatchCap, "mismatches"));
        lines.AddRange(ListDigest.Capped(comparison.NotCompared, NotComparedCap, "files not compared"));
        return string.Join("\n", lines);
    }
}
