using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Expectations.Live;

/// <summary>The rule live comparisons use: only an entry untouched since the dump is compared.</summary>
public static class LiveChanges
{
    /// <summary><see cref="LiveChange.Comparable"/> when both the mtime and the ctime are at or before
    /// <paramref name="dump"/> (Amanda server local time, this machine's when the host is local). Live times count in
    /// whole seconds, as the dump date does; a date of lower precision counts from its start, so in doubt an entry
    /// is skipped as changed rather than failed.</summary>
    public static LiveChange Of(LiveEntry entry, DumpDate dump)
    {
        var dumpedAt = DateTime.SpecifyKind(dump.Value, DateTimeKind.Local).ToUniversalTime();
        return WholeSeconds(entry.ModifiedUtc) <= dumpedAt && WholeSeconds(entry.ChangedUtc) <= dumpedAt
            ? LiveChange.Comparable
            : LiveChange.ChangedSinceDump;
    }

    /// <summary>The entries split by <see cref="Of"/>; both keys are always present.</summary>
    public static IReadOnlyDictionary<LiveChange, IReadOnlyList<LiveEntry>> Classify(IEnumerable<LiveEntry> entries, DumpDate dump)
    {
        var split = entries.ToLookup(entry => Of(entry, dump));
        return Enum.GetValues<LiveChange>().ToDictionary(change => change, change => (IReadOnlyList<LiveEntry>)split[change].ToList());
    }

    private static DateTime WholeSeconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
