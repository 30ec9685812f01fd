using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Sources;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>Which dump of the disk a scenario looks at: the latest (amrecover's default), the newest on or before a
/// date (<c>setdate</c>, whose refusal names the date), or the one before the latest (from <c>history</c>, as the core
/// picks it from any system's history: <see cref="SnapshotChoice.BeforeLatest"/>).</summary>
public sealed record DumpChoice(DumpDate? Date, bool PreviousOfLatest)
{
    public static readonly DumpChoice Latest = new(null, false);

    public static readonly DumpChoice BeforeLatest = new(null, true);

    public static DumpChoice AsOf(DumpDate date) => new(date, false);

    /// <summary>The same choice as the core makes it from a history: "as of" admits what setdate admits
    /// (<see cref="DumpDate.LatestAdmitted"/>).</summary>
    public SnapshotChoice Snapshots => PreviousOfLatest ? SnapshotChoice.BeforeLatest
        : Date is { } date ? SnapshotChoice.AsOf(date.LatestAdmitted, date.ToString())
        : SnapshotChoice.Latest;

    /// <summary>The choice as the core makes it from the disk's history, for a lease: "the latest" is the newest dump
    /// the session shows (its working date hides one dated after today), as every other check of the scenario sees it.</summary>
    public SnapshotChoice Dumps(SessionLease lease) => this == Latest ? AmandaDiskHistory.ShownBy(lease) : Snapshots;

    public override string ToString() =>
        PreviousOfLatest ? "the dump before the latest" : Date is { } date ? $"the dump as of {date}" : "the latest dump";

    /// <summary>Puts the lease's session on the chosen dump; none that old is a stale backup.</summary>
    public async Task ApplyAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        // The dump before the latest is the history's second newest, picked by the core's rule as on any system.
        var date = PreviousOfLatest
            ? AmandaDiskHistory.DateOf(await AmandaView.RunAsync(lease, Snapshots, (view, cancellation) => view.SnapshotAsync(cancellation), cancellationToken))
            : Date;
        if (date is not { } chosen) return;
        try
        {
            await lease.ViewDumpAsync(chosen, cancellationToken);
        }
        catch (AmrecoverException failure)
        {
            throw AmandaFailures.Translate(lease.Target, chosen, $"a dump on or before {chosen}", failure) switch
            {
                { Category: FailureCategory.StaleBackup } stale => new ExpectationFailedException(FailureCategory.StaleBackup, lease.Target,
                    null, $"a dump on or before {chosen}", stale.Found, stale.TranscriptTail, failure),
                var other => other,
            };
        }
    }
}
