using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Amanda.Index;

/// <summary>
/// The dumps amindexd merges to show a disk on a working date: the newest dump on or before the date, then, going
/// back, each dump of a lower level than the last one taken, down to a level 0 (amindexd's process_ls). An entry
/// shown comes from the newest of them that holds it.
/// </summary>
public static class IndexChain
{
    /// <param name="history">amrecover's <c>history</c>: every retained dump, newest first.</param>
    /// <param name="workingDate">The session's working date; null for the latest.</param>
    /// <returns>Newest first; empty when no dump is that old.</returns>
    public static IReadOnlyList<DumpRecord> Select(IReadOnlyList<DumpRecord> history, DumpDate? workingDate)
    {
        var chain = new List<DumpRecord>();
        foreach (var dump in history.OrderByDescending(d => d.Date.Value))
        {
            if (workingDate is { } date && !OnOrBefore(dump.Date, date)) continue;
            if (chain.Count > 0 && dump.Level >= chain[^1].Level) continue;
            chain.Add(dump);
            if (dump.Level == 0) break;
        }
        return chain;
    }

    // amindexd compares as many characters as the working date has: a date given as a day includes all of that day.
    private static bool OnOrBefore(DumpDate dump, DumpDate working) =>
        string.CompareOrdinal(new DumpDate(dump.Value, working.Precision).SetDateArgument, working.SetDateArgument) <= 0;
}
