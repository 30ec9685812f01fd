namespace BackupAcceptance.Outputs.Summary;

/// <summary>One disk's facts over every scenario of the run that measured it: the files of the newest dump counted,
/// the youngest dump seen (the disk's freshness), the slowest recovery time estimate.</summary>
public sealed record DiskView(string Config, string Host, string Disk, int? Files, double? DumpAgeSeconds, double? RestoreSeconds)
{
    public static IReadOnlyList<DiskView> Of(RunFile run) =>
        [.. run.Scenarios.SelectMany(s => s.Disks ?? [])
            .GroupBy(d => (d.Config, d.Host, d.Disk))
            .OrderBy(g => g.Key.Config, StringComparer.Ordinal).ThenBy(g => g.Key.Host, StringComparer.Ordinal).ThenBy(g => g.Key.Disk, StringComparer.Ordinal)
            .Select(g => new DiskView(g.Key.Config, g.Key.Host, g.Key.Disk,
                // Dump dates (YYYY-MM-DD-HH-MM-SS) sort as text; a count without a date sorts first.
                g.Where(d => d.Files is not null).OrderBy(d => d.DumpDate ?? "", StringComparer.Ordinal).LastOrDefault()?.Files,
                g.Min(d => d.DumpAgeSeconds),
                g.Max(d => d.RestoreSeconds)))];
}
