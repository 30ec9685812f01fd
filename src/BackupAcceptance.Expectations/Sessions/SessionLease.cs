using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Walking;

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

    private IReadOnlyList<DumpRecord>? _history;
    private DirectoryListing? _root;

    /// <summary>The disk's history, read once per lease (by the pool's clock check on a disk's first lease of the run): a
    /// scenario judges one set of dumps, and each step asking again cost a round trip on every disk. It lists every
    /// dump whatever the working date.</summary>
    public async Task<IReadOnlyList<DumpRecord>> HistoryAsync(CancellationToken cancellationToken)
    {
        if (_history is { } known) return known;
        var atRoot = IsAtRoot;
        var history = await session.HistoryAsync(cancellationToken);
        if (atRoot) AtRootMark = session.LinesSent; // history moves nothing
        return _history = history;
    }

    /// <summary>The history the pool's clock check read while lending this lease.</summary>
    internal void KnowHistory(IReadOnlyList<DumpRecord> history) => _history = history;

    /// <summary>The session's <see cref="AmrecoverSession.LinesSent"/> when it was last known to be at the root of the
    /// lease's disk (after a setdisk, or after a command that moves nothing: history, ls): while it is unchanged, the
    /// session is still there.</summary>
    internal long AtRootMark { get; set; } = -1;

    /// <summary>Whether nothing that may move the session was sent since it was last at the disk's root.</summary>
    public bool IsAtRoot => AtRootMark == session.LinesSent;

    /// <summary>Puts the session at the root of the lease's disk (setdisk, which keeps the working date), unless it is there.</summary>
    public async Task GoToRootAsync(CancellationToken cancellationToken)
    {
        if (IsAtRoot) return;
        await session.SetDiskAsync(target.Disk, cancellationToken);
        AtRootMark = session.LinesSent;
    }

    /// <summary>The root's listing at the lease's working date, listed once per date: the checks of one scenario that
    /// need it (at least N files, these paths, a cached count) share it.</summary>
    public async Task<DirectoryListing> RootListingAsync(CancellationToken cancellationToken)
    {
        if (_root is { } known) return known;
        await GoToRootAsync(cancellationToken);
        var listing = await session.ListAsync(cancellationToken);
        AtRootMark = session.LinesSent; // ls moves nothing
        return _root = listing;
    }

    /// <summary>A navigator from the disk's root (setdisk only when the session moved since it was last there), knowing
    /// the root's listing.</summary>
    public async Task<TreeNavigator> NavigatorAsync(CancellationToken cancellationToken)
    {
        await GoToRootAsync(cancellationToken);
        return TreeNavigator.AtRoot(session, await RootListingAsync(cancellationToken));
    }

    /// <summary>The dump date this lease browses at, or null for the latest (amrecover's default).</summary>
    public DumpDate? WorkingDate { get; private set; }

    /// <summary>Browse the newest dump on or before <paramref name="date"/> (null: the latest again).</summary>
    /// <exception cref="AmandaReplyException">No dump that old (<see cref="AmandaErrorKind.NoDump"/>).</exception>
    public async Task ViewDumpAsync(DumpDate? date, CancellationToken cancellationToken)
    {
        // Marked first: a refused setdate has still moved amrecover's working date, and the return must undo it.
        WorkingDate = date ?? Latest;
        _root = null; // another dump shows another root
        AtRootMark = -1;
        var latest = Latest;
        await session.SetDateAsync(date ?? latest, cancellationToken);
        WorkingDate = date;
        LatestSetOn = date is null ? latest.Value.Date : null;
    }

    /// <summary>The working date amrecover browses with: the one set, else "the latest" (today as a whole day).</summary>
    public DumpDate BrowsingDate => WorkingDate ?? Latest;

    // "The latest" is amrecover's own default date, today as a whole day (a fresh session's): every session of the pool
    // then judges the same dumps (a date far ahead would show a dump dated a later day that a fresh session hides,
    // see ClockCheck), and a refusal names the same date in every run of that day (a baseline is byte-identical).
    private DumpDate Latest => new(pool.Clock().Date, DumpDatePrecision.Day);

    /// <summary>The day this lease last put its session at "the latest" (null: it did not, or moved it again since):
    /// the pool then knows the session's working date.</summary>
    internal DateTime? LatestSetOn { get; private set; }

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
