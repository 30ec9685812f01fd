using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Expectations.Sessions;

/// <summary>
/// A pooled session lent to one caller for one disk; disposing the lease gives both back. The session serves other
/// disks of the host before and after (the pool sets the disk at every lease). A lease that moved the working date
/// (<see cref="ViewDumpAsync"/>) puts it back to "latest" first, so the next borrower, on any disk, sees the newest
/// dump; one that cannot is killed, and the pool starts another.
/// </summary>
public sealed class SessionLease(SessionPool pool, BackupTarget target, AmrecoverSession session) : IAsyncDisposable
{
    private int _returned;

    public BackupTarget Target => target;

    /// <summary>The run's pool: more sessions for a walk, the walk settings, the walk log.</summary>
    public SessionPool Pool => pool;

    public AmrecoverSession Session => session;

    /// <summary>What the pool's audit of the disk's index files and its clock check found (verified, or why it could
    /// not look).</summary>
    public string IndexNote { get; internal set; } = "";

    /// <summary>How the lease's last restore got the tape drive (<see cref="SessionPool.TapeDriveAsync"/>): a timed
    /// restore leaves the wait out of its time.</summary>
    public TapeDriveWait? LastDriveWait { get; internal set; }

    /// <summary>The disk's history as the pool's clock check read it while lending this lease, for one freshness check
    /// to take instead of asking again (<see cref="TakeFreshHistory"/>); null when the check ran on an earlier lease.</summary>
    internal IReadOnlyList<DumpRecord>? FreshHistory { get => _freshHistory; set => _freshHistory = value; }

    private IReadOnlyList<DumpRecord>? _freshHistory;

    /// <summary>The history read as this lease was lent, once: a later check asks amrecover again.</summary>
    public IReadOnlyList<DumpRecord>? TakeFreshHistory() => Interlocked.Exchange(ref _freshHistory, null);

    /// <summary>The session's <see cref="AmrecoverSession.LinesSent"/> when the pool left it at the root of the lease's
    /// disk (setdisk, then only <c>history</c>, which moves nothing): while it is unchanged, the session is still there.</summary>
    internal long AtRootMark { get; set; } = -1;

    /// <summary>Whether nothing was sent since the pool's setdisk: the session is at the disk's root at the latest dump.</summary>
    public bool IsAtRoot => AtRootMark == session.LinesSent && WorkingDate is null;

    /// <summary>The dump date this lease browses at, or null for the latest (amrecover's default).</summary>
    public DumpDate? WorkingDate { get; private set; }

    /// <summary>Browse the newest dump on or before <paramref name="date"/> (null: the latest again).</summary>
    /// <exception cref="AmandaReplyException">No dump that old (<see cref="AmandaErrorKind.NoDump"/>).</exception>
    public async Task ViewDumpAsync(DumpDate? date, CancellationToken cancellationToken)
    {
        // Marked first: a refused setdate has still moved amrecover's working date, and the return must undo it.
        WorkingDate = date ?? Latest;
        await session.SetDateAsync(date ?? Latest, cancellationToken);
        WorkingDate = date;
    }

    // "The latest" is amrecover's own default date, today as a whole day (a fresh session's): every session of the pool
    // then judges the same dumps (a date far ahead would show a dump dated a later day that a fresh session hides,
    // see ClockCheck), and a refusal names the same date in every run of that day (a baseline is byte-identical).
    private static DumpDate Latest => new(DateTime.Now.Date, DumpDatePrecision.Day);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _returned, 1) != 0) return;
        try
        {
            if (WorkingDate is not null && session.IsUsable)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    await ViewDumpAsync(null, timeout.Token);
                }
                catch (Exception ex) when (ex is AmrecoverException or OperationCanceledException)
                {
                    await session.AbortAsync(); // cannot reset it: nobody may borrow it in that state
                }
            }
        }
        finally
        {
            await pool.ReturnAsync(this); // always: a disk never given back would stall every later scenario on it
        }
    }
}
