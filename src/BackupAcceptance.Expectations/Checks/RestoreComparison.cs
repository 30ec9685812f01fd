using System.Globalization;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Restored files against live ones, as the report keeps it: kilobytes for a disk of any size. Matches are counted and
/// digested (<see cref="ListDigest"/> of every "path sha256" line, so two nights can be told apart or alike); each
/// mismatch is listed in full (path, live and restored SHA-256 and size) up to <see cref="MismatchCap"/>, then
/// counted; files not compared are listed with why up to <see cref="NotComparedCap"/>, then counted.
/// </summary>
/// <param name="Header">What the live side was and how many files were compared, changed and excluded.</param>
/// <param name="Matches">"path sha256" of each file that matched, in comparison order.</param>
/// <param name="Mismatches">One line per mismatch, in full.</param>
/// <param name="NotCompared">One line per file not compared, with why.</param>
public sealed record RestoreComparison(
    IReadOnlyList<string> Header, IReadOnlyList<string> Matches, IReadOnlyList<string> Mismatches, IReadOnlyList<string> NotCompared, int Compared)
{
    public const int MismatchCap = 200, NotComparedCap = 50;

    /// <summary>The attachment's text.</summary>
    public string Text()
    {
        var lines = new List<string>(Header)
        {
            Matches.Count == 0 ? "no file matched"
                : string.Create(CultureInfo.InvariantCulture, $"{Matches.Count} matched (live SHA-256 = restored SHA-256); list digest sha256 {ListDigest.Of(Matches.Order(StringComparer.Ordinal))}"),
        };
        lines.AddRange(ListDigest.Capped(Mismatches.Select(m => "MISMATCH " + m), MismatchCap, "mismatches"));
        lines.AddRange(ListDigest.Capped(NotCompared, NotComparedCap, "files not compared"));
        return string.Join("\n", lines);
    }
}
