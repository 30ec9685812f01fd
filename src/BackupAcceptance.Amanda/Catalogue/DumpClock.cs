namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>
/// Dumps dated after this machine's time. amrecover browses "the newest dump on or before today" by default, so a
/// dump dated ahead (the server's clock was ahead when amdump ran, or this machine's clock is behind) is hidden from
/// every listing, while the index files and <c>history</c> show it: paths look missing and counts disagree for a
/// reason that is no fault of the backup. A small tolerance lets two clocks a little apart pass.
/// </summary>
public static class DumpClock
{
    /// <summary>Five minutes: more than NTP-kept clocks drift apart, less than any real skew worth naming.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <returns>The dumps dated more than <see cref="Tolerance"/> after <paramref name="localNow"/>, newest first.</returns>
    public static IReadOnlyList<DumpRecord> Ahead(IReadOnlyList<DumpRecord> history, DateTime localNow) =>
        history.Where(d => d.Date.Value - localNow > Tolerance).OrderByDescending(d => d.Date.Value).ToList();
}
