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
        var dumpedAt = DumpedAtUtc(dump);
        return WholeSeconds(entry.ModifiedUtc) <= dumpedAt && WholeSeconds(entry.ChangedUtc) <= dumpedAt
            ? LiveChange.Comparable
            : LiveChange.ChangedSinceDump;
    }

    /// <summary>The dump's instant. amdump's timestamp is the server's local time; in the hour a clock falls back it
    /// names two instants, and the earlier one is taken, so a file changed after the dump is never taken as older.</summary>
    public static DateTime DumpedAtUtc(DumpDate dump, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Local;
        var local = DateTime.SpecifyKind(dump.Value, DateTimeKind.Unspecified);
        // A time the clock skipped (spring forward) is no instant; no dump starts then, but never throw for it.
        if (zone.IsInvalidTime(local)) return DateTime.SpecifyKind(local - zone.BaseUtcOffset, DateTimeKind.Utc);
        if (!zone.IsAmbiguousTime(local)) return TimeZoneInfo.ConvertTimeToUtc(local, zone);
        return DateTime.SpecifyKind(local - zone.GetAmbiguousTimeOffsets(local).Max(), DateTimeKind.Utc);
    }

    private static DateTime WholeSeconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
