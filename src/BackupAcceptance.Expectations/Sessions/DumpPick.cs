using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations.Failures;

namespace BackupAcceptance.Expectations.Sessions;

/// <summary>
/// The dumps the suite itself picks for the lease's working date (<see cref="IndexChain"/> over amrecover's
/// <c>history</c>), held against the dump amrecover shows. They follow the same rule, so they agree; when they do not,
/// the suite's rule is wrong, and the failure is the suite's (never the backup's), naming both dumps.
/// </summary>
public static class DumpPick
{
    /// <summary>The chain for the working date, checked against <paramref name="shown"/> (the date on the root's
    /// <c>.</c> line) when amrecover showed one.</summary>
    /// <exception cref="ExpectationFailedException">SuiteDefect: the suite picked another dump than amrecover shows.</exception>
    public static IReadOnlyList<DumpRecord> Chain(SessionLease lease, IReadOnlyList<DumpRecord> history, DumpDate? shown)
    {
        var chain = IndexChain.Select(history, lease.WorkingDate);
        if (shown is { } date) RequireAgreement(lease, chain, date);
        return chain;
    }

    /// <exception cref="ExpectationFailedException">SuiteDefect: the newest dump of <paramref name="chain"/> is not
    /// <paramref name="shown"/>.</exception>
    public static void RequireAgreement(SessionLease lease, IReadOnlyList<DumpRecord> chain, DumpDate shown)
    {
        var picked = chain.Count > 0 ? chain[0].Date : (DumpDate?)null;
        if (picked is { } dump && dump.Value == shown.Value) return;
        var working = lease.WorkingDate is { } date ? $"the working date {date}" : "the latest dump";
        throw new ExpectationFailedException(FailureCategory.SuiteDefect, lease.Target, shown,
            $"the suite to pick, for {working}, the dump amrecover shows ({shown})",
            $"the suite picked {(picked is { } p ? $"the dump of {p}" : "no dump")} from amrecover's history, amrecover shows the dump of {shown}: " +
            "the suite's rule for which dump a date means differs from amrecover's, so nothing is said about the backup",
            lease.Session.Transcript.Tail());
    }
}
