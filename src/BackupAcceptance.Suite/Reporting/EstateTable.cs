using System.Globalization;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// Disks × nights: a row per disk any kept run checked, a column per night (the last <c>nights</c> calendar nights,
/// oldest first, so a night without a run shows as a gap). A night's cell is the last run of that night on the disk:
/// its worst verdict (failed, broken, skipped, passed), the count and age of the newest dump its scenarios saw. A
/// night with no verdict but a count in the count history shows that count alone.
/// </summary>
public sealed record EstateTable(IReadOnlyList<string> Nights, IReadOnlyList<EstateDisk> Disks, IReadOnlyDictionary<(EstateDisk, string), EstateCell> Cells)
{
    public const int DefaultNights = 14;

    private static readonly string[] Severity = ["failed", "broken", "skipped", "passed"];

    public EstateCell? Cell(EstateDisk disk, string night) => Cells.GetValueOrDefault((disk, night));

    public static IReadOnlyList<string> NightsEnding(DateOnly last, int nights) =>
        [.. Enumerable.Range(0, nights).Select(i => last.AddDays(i - nights + 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))];

    public static EstateTable Build(IReadOnlyList<string> nights, IEnumerable<EstateRecord> records, IEnumerable<CountPoint> counts)
    {
        var shown = nights.ToHashSet(StringComparer.Ordinal);
        var cells = new Dictionary<(EstateDisk, string), EstateCell>();
        foreach (var night in records.Where(r => shown.Contains(r.Night)).GroupBy(r => (Disk: new EstateDisk(r.Config, r.Host, r.Disk), r.Night)))
        {
            var lastRun = night.Max(r => r.Run)!;
            var run = night.Where(r => r.Run == lastRun).ToList();
            var newest = run.Where(r => r.Dump is not null).MaxBy(r => r.Dump, StringComparer.Ordinal);
            var counted = run.Where(r => r.Files is not null).MaxBy(r => r.Dump ?? "", StringComparer.Ordinal);
            cells[(night.Key.Disk, night.Key.Night)] = new EstateCell(
                Severity.First(s => s == "passed" || run.Any(r => r.Status == s)),
                counted?.Files,
                newest?.Dump,
                newest?.DumpAgeHours,
                [.. run.Select(r => r.Category).OfType<string>().Distinct()],
                [.. run.Select(r => $"{r.Status}: {r.Scenario}")]);
        }
        foreach (var point in counts)
        {
            var night = point.Counted.ToLocalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var key = (new EstateDisk(point.Config, point.Host, point.Disk), night);
            if (!shown.Contains(night) || cells.ContainsKey(key)) continue;
            cells[key] = new EstateCell("counted", point.Files, point.Dump, AgeHours(point), [], [], CountOnly: true);
        }
        var disks = cells.Keys.Select(k => k.Item1).Distinct()
            .OrderBy(d => d.Config, StringComparer.Ordinal).ThenBy(d => d.Host == "every disk" ? 1 : 0)
            .ThenBy(d => d.Host, StringComparer.Ordinal).ThenBy(d => d.Disk, StringComparer.Ordinal).ToList();
        return new EstateTable(nights, disks, cells);
    }

    private static double? AgeHours(CountPoint point) =>
        Amanda.Listing.DumpDate.TryParse(point.Dump, out var dump)
            ? Math.Max(0, (point.Counted.ToLocalTime().DateTime - dump.Value).TotalHours)
            : null;
}
