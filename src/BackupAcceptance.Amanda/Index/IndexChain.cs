using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Amanda.Index;

/// <summary>
/// The dumps amindexd merges to show a disk on a working date: the newest dump on or before the date, then, going
/// back, each dump of a lower level than the last one taken, down to a level 0 (amindexd's process_ls). An entry
/// shown comes from the newest of them that holds it. "On or before" is amrecover's own rule
/// (<see cref="DumpDate.Admits"/>): with dumps at 13:08:49 and 13:09:01, a working date of <c>2026-12-06-13-09</c>
/// means 13:09:00 and starts the chain at 13:08:49, while <c>2026-12-06</c> takes in the whole day and starts it at
/// 13:09:01. Any other rule makes the suite read a different dump than amrecover shows.
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
            if (workingDate is { } date && !date.Admits(dump.Date)) continue;
            if (chain.Count > 0 && dump.Level >= chain[^1].Level) continue;
            chain.Add(dump);
            if (dump.Level == 0) break;
        }
        return chain;
    }
}
