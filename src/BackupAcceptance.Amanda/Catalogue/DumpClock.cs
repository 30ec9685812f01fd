namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>
/// Dumps dated after this machine's time. amrecover browses "the newest dump on or before today" by default, and a
/// day takes in the whole day: a dump dated a later day (the server's clock was ahead when amdump ran, or this
/// machine's clock is behind) is hidden from every listing, while the index files and <c>history</c> show it: paths
/// look missing and counts disagree for a reason that is no fault of the backup. A dump dated later the same day is
/// not hidden. A small tolerance lets two clocks a little apart pass.
/// </summary>
public static class DumpClock
{
    /// <summary>Five minutes: more than NTP-kept clocks drift apart, less than any real skew worth naming.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>Fourteen hours: the most two local times apart in time zones can lie ahead of one another (UTC+14
    /// against UTC). Amanda dates a dump in the server's local time, so a remote server in a zone ahead of this
    /// machine's dates its dumps up to this much ahead with both clocks right.</summary>
    public static readonly TimeSpan ZoneSpan = TimeSpan.FromHours(14);

    /// <summary>Dumps dated ahead of this machine's time: <see cref="Skewed"/> no clock or zone explains (a fault),
    /// <see cref="Explained"/> on today's date, or within <see cref="ZoneSpan"/> of a server that is another machine
    /// (a note). Each newest first.</summary>
    public sealed record Reading(IReadOnlyList<DumpRecord> Skewed, IReadOnlyList<DumpRecord> Explained);

    /// <returns>The dumps dated more than <see cref="Tolerance"/> after <paramref name="localNow"/>, newest first.</returns>
    public static IReadOnlyList<DumpRecord> Ahead(IReadOnlyList<DumpRecord> history, DateTime localNow) =>
        history.Where(d => d.Date.Value - localNow > Tolerance).OrderByDescending(d => d.Date.Value).ToList();

    /// <param name="serverIsLocal">Whether the index server is this machine (one clock, one zone).</param>
    public static Reading Read(IReadOnlyList<DumpRecord> history, DateTime localNow, bool serverIsLocal)
    {
        var ahead = Ahead(history, localNow);
        bool Explained(DumpRecord d) =>
            d.Date.Value.Date == localNow.Date || (!serverIsLocal && d.Date.Value - localNow <= ZoneSpan);
        return new Reading(ahead.Where(d => !Explained(d)).ToList(), ahead.Where(Explained).ToList());
    }
}
