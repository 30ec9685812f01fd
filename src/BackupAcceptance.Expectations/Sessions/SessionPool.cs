using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using System.Collections.Concurrent;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Expectations.Sessions;

/// <summary>
/// Keeps amrecover sessions alive per (config, host) for a whole run, because every start costs about a second
/// (mostly Amanda's own sleep): a session moves between the host's disks with <c>setdisk</c> (which also puts it at
/// the new disk's root), so an estate of hundreds of disks costs a few starts, not one per disk. At most
/// <see cref="SessionsPerHost"/> sessions of one (config, host) run at once (<see cref="HostSessions"/>); a lease
/// prefers an idle session already on its disk, and a session that died or was killed is replaced.
/// A disk is still lent to one lease at a time: a second scenario on the same disk waits for it (which also keeps two
/// amindexd from racing to sort a dump's index on its first browse: the loser answers '500 "/" is an invalid
/// directory'). A lease gives its session back at the latest dump (<see cref="SessionLease"/>), and every lease
/// starts with <c>setdisk</c>, so nothing of one disk's browsing reaches the next.
/// Before a disk is first browsed in a run, its index files are audited where this machine can read them
/// (<see cref="IndexAudit"/>: amindexd's first browse destroys an index its user cannot read, and hides a cut-short
/// one). Once the disk is set, and before any check, its dumps' dates are checked against this machine's clock
/// (<see cref="ClockCheck"/>): a dump dated a later day than this machine's is hidden by amrecover. Both once per disk and run, for every kind
/// of step, since every step opens its disk here.
/// </summary>
public sealed class SessionPool(AmrecoverOptions options) : IAsyncDisposable
{
    /// <summary>Sessions of one (config, host) at once, by default (BACKUP_ACCEPTANCE_HOST_SESSIONS sets it). Measured
    /// with <c>./run.sh bench estate</c> on 2 quiet cores and a configuration of 2,000 disks (docs/bench/estate.md):
    /// 2 sessions were faster than 4 for the estate step (27.4 s against 30.3 s for 2,000 disks), 4 faster for a
    /// feature of one scenario per disk (60.2 s against 71.3 s); each session more is one more amrecover start and one
    /// more amindexd reading the whole catalogue. 4 also keeps room for a machine with more cores.</summary>
    public const int DefaultSessionsPerHost = 4;

    private sealed class DiskSlot
    {
        /// <summary>One lease per disk at a time.</summary>
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>The index audit, once per run: a note for the report, or the damage it found. Set once (a
        /// lease's own audit or <see cref="AuditAhead"/>'s batch, whichever comes first).</summary>
        public Task<string>? IndexAudit => _indexAudit;

        private Task<string>? _indexAudit;

        private readonly Lock _auditLock = new();

        /// <summary>The audit already begun, or <paramref name="audit"/> begun now.</summary>
        public Task<string> AuditOnce(Func<Task<string>> audit)
        {
            if (Volatile.Read(ref _indexAudit) is { } begun) return begun;
            lock (_auditLock) return _indexAudit ??= audit();
        }

        /// <summary>The clock check's note once it passed; a dump dated ahead is kept as <see cref="ClockSkew"/>.
        /// Neither is set when the history could not be read (a session that died): the next rent asks again.</summary>
        public string? ClockNote { get; set; }

        public ExpectationFailedException? ClockSkew { get; set; }
    }

    private readonly ConcurrentDictionary<BackupTarget, DiskSlot> _disks = new();
    private readonly ConcurrentDictionary<(string Config, string Host), HostSessions> _hosts = new();
    private int _started;

    /// <summary>How many sessions of one (config, host) may run at once (at least 1).</summary>
    public int SessionsPerHost
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "at least one session per host");
    } = DefaultSessionsPerHost;

    /// <summary>Sessions of (config, host) alive now, lent or idle (tests: never more than <see cref="SessionsPerHost"/>).</summary>
    public int SessionsOf(string config, string host) => _hosts.TryGetValue((config, host), out var sessions) ? sessions.Count : 0;

    private readonly ConcurrentQueue<WalkNote> _walks = new();

    public AmrecoverOptions Options => options;

    /// <summary>How whole dumps are counted (index files or amrecover, how many sessions).</summary>
    public WalkSettings Walking { get; init; } = WalkSettings.Default;

    /// <summary>Each config's index directory, asked once per run.</summary>
    public IndexRoots IndexRoots { get; } = new();

    private IndexAudit? _audit;

    private IndexAudit Audit => _audit ??= new IndexAudit(IndexRoots);

    /// <summary>This machine's local time, for the clock check (tests set another).</summary>
    public Func<DateTime> Clock { get; init; } = () => DateTime.Now;

    /// <summary>Whether amrecover's index server is this machine (none given: amanda-client.conf's, taken as this
    /// machine, as the index walk does): one clock and one zone for the clock check.</summary>
    public bool IndexServerIsLocal => options.IndexServer is not { } server || LocalHost.Is(server);

    /// <summary>The directory records of each incremental dump read this run: a dump never changes, and reading its
    /// image takes the tape drive.</summary>
    public ConcurrentDictionary<(BackupTarget Target, DateTime Dump, int Level), Amanda.Image.DumpedTree> DumpRecords { get; } = new();

    /// <summary>The host's tape-drive locks (tests name a folder of their own).</summary>
    public TapeDriveLock TapeDrives { get; init; } = TapeDriveLock.Host;

    /// <summary>The lease's configuration's tape drive, for one restore or image read (<see cref="TapeDriveLock"/>:
    /// one at a time per configuration on this host, across processes), waited for at most as long as an extract may
    /// take. How the turn came is noted in the session's transcript, so the step's evidence shows a wait. Dispose to
    /// release.</summary>
    /// <exception cref="ExpectationFailedException">A failed restore (this machine's trouble, not the backup's): the
    /// drive stayed held past the bound, or the lock is one the suite may not rely on. Nothing was restored.</exception>
    public async Task<IDisposable> TapeDriveAsync(SessionLease lease, DumpDate? dumpDate, CancellationToken cancellationToken)
    {
        TapeDriveLease drive;
        try
        {
            drive = await TapeDrives.AcquireAsync(lease.Target.Config, options.ExtractTimeout, cancellationToken);
        }
        catch (TapeDriveUnavailableException unavailable)
        {
            throw new ExpectationFailedException(FailureCategory.RestoreFailed, lease.Target, dumpDate,
                $"the tape drive of {unavailable.Config} within {options.ExtractTimeout.TotalSeconds:0} s (BACKUP_ACCEPTANCE_EXTRACT_TIMEOUT; one restore at a time per configuration on this host, lock {unavailable.LockFile})",
                $"{unavailable.Reason}; nothing was restored", lease.Session.Transcript.Tail(), unavailable);
        }
        lease.LastDriveWait = drive.Wait;
        lease.Session.Transcript.Add(TranscriptEntry.Note(DateTimeOffset.Now, drive.Wait.Note));
        return drive;
    }

    /// <summary>The walks through amrecover in flight, for a progress line.</summary>
    public WalkProgress Progress { get; } = new();

    /// <summary>Every whole-dump count of the run, in order: how each disk was walked, for the console summary.</summary>
    public IReadOnlyList<WalkNote> Walks => [.. _walks];

    public void RecordWalk(WalkNote note) => _walks.Enqueue(note);

    /// <summary>How many amrecover processes this pool started: the cost a run paid.</summary>
    public int Started => _started;

    /// <summary>How long a caller waits for a disk's session that another scenario holds.</summary>
    public TimeSpan WaitLimit { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The disk's session, positioned at the root of its disk; dispose the lease to give it back.</summary>
    /// <exception cref="ExpectationFailedException">The disk cannot be opened, in the reader's terms
    /// (<see cref="AmandaFailures"/>): no dump (stale backup), a damaged index, an unknown config, host or disk, or an
    /// amrecover that will not run (Amanda unreachable or misconfigured).</exception>
    public async Task<SessionLease> RentAsync(BackupTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await LendAsync(target, cancellationToken);
        }
        catch (AmrecoverException failure)
        {
            throw AmandaFailures.Translate(target, null, "to open the disk", failure);
        }
    }

    private async Task<SessionLease> LendAsync(BackupTarget target, CancellationToken cancellationToken)
    {
        var disk = _disks.GetOrAdd(target, _ => new DiskSlot());
        if (!await disk.Gate.WaitAsync(WaitLimit, cancellationToken))
            throw new AmrecoverException($"The disk {target} stayed in use by another scenario for {WaitLimit.TotalMinutes:0} minutes.", "");
        var host = _hosts.GetOrAdd((target.Config, target.Host), _ => new HostSessions(SessionsPerHost));
        AmrecoverSession? session = null;
        var turn = false;
        Task<string> audit;
        try
        {
            // Shared by every later rent of the disk, so not tied to this caller's token (gzip -t is bounded by the
            // files' size); this caller stops waiting when cancelled.
            audit = disk.AuditOnce(() => Audit.RunAsync(target, CancellationToken.None));
            if (!await host.WaitTurnAsync(WaitLimit, cancellationToken))
                throw new AmrecoverException($"All {host.Bound} amrecover sessions of {target.Config} on {target.Host} stayed in use by other " +
                    $"scenarios for {WaitLimit.TotalMinutes:0} minutes.", "");
            turn = true;
            var (idle, dead) = host.Take(target.Disk);
            foreach (var gone in dead) await CloseAsync(gone);
            session = idle;
            if (session is null)
            {
                // Started while the audit runs: amrecover's start (a second, mostly its own sleep) browses no disk;
                // the first browse is the setdisk below, after the audit.
                var startDay = Clock().Date; // amrecover's default date is the day it starts
                var starting = AmrecoverSession.StartAsync(options, target.Config, target.Host, cancellationToken);
                try
                {
                    await audit.WaitAsync(cancellationToken);
                }
                catch
                {
                    // The audit's failure is the answer; a session that started anyway joins the host's sessions.
                    try
                    {
                        session = await starting;
                        host.Add(session);
                        _latestDay[session] = startDay;
                        Interlocked.Increment(ref _started);
                    }
                    catch (Exception notStarted) when (notStarted is AmrecoverException or OperationCanceledException)
                    {
                    }
                    throw;
                }
                session = await starting;
                host.Add(session);
                _latestDay[session] = startDay;
                Interlocked.Increment(ref _started);
            }
            await audit.WaitAsync(cancellationToken);
        }
        catch
        {
            if (turn)
            {
                if (session is null) host.Forfeit();
                else if (host.Give(session, "") is { } dead) await CloseAsync(dead); // not set on this disk: no preference
            }
            disk.Gate.Release();
            throw;
        }
        var lease = new SessionLease(this, target, session) { IndexNote = await audit };
        try
        {
            // A failure's transcript tail starts here: what the session said for the disk it served before is not this one's.
            // stderr the previous use left (a late complaint of its extract) is noted first in this one's, never read as
            // a refusal of this disk's setdisk.
            lease.Session.Transcript.BeginBorrower();
            if (lease.Session.TakePendingStderr() is { Length: > 0 } late)
                lease.Session.Transcript.Add(TranscriptEntry.Note(DateTimeOffset.Now,
                    $"stderr after the last reply, before the session moved to {target.Disk}: {OneLine(late)}"));
            await TodayAsync(lease, cancellationToken);
            // setdisk: checks the disk and puts the session at its root, whatever disk and directory it was on.
            try
            {
                await lease.Session.SetDiskAsync(target.Disk, cancellationToken);
            }
            catch (AmandaReplyException noDump) when (noDump.Kind == AmandaErrorKind.NoDump)
            {
                // The disk is set all the same ("200 Disk set"), and a dump dated ahead may be why none shows.
                await CheckClockAsync(disk, lease, cancellationToken);
                throw;
            }
            lease.IndexNote += $"; {await CheckClockAsync(disk, lease, cancellationToken)}";
            lease.AtRootMark = lease.Session.LinesSent;
            return lease;
        }
        catch
        {
            await lease.DisposeAsync(); // gives the disk and the session back; only this disk was refused
            throw;
        }
    }

    /// <summary>The day each session's working date is "the latest" of: its start day (amrecover's default date is
    /// today, taken when it starts), or the day a lease last put it back there.</summary>
    private readonly ConcurrentDictionary<AmrecoverSession, DateTime> _latestDay = new();

    /// <summary>A session still at an earlier day's "latest" (a run that crossed midnight) is put at today's before it
    /// is lent, as a fresh session would be: else a dump finished after midnight is hidden from it and shown by
    /// another. The session is still on the previous lease's disk: a refusal there ("no dump on or before", a damaged
    /// index) says nothing of this disk, and the date has moved all the same; the setdisk that follows judges this
    /// disk. A session that does not answer is killed (the lease fails; the next starts another).</summary>
    private async Task TodayAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        var today = Clock().Date;
        var day = _latestDay.GetOrAdd(lease.Session, today); // every start records its day; this is only a fallback
        if (day == today) return;
        try
        {
            await lease.Session.SetDateAsync(new DumpDate(today, DumpDatePrecision.Day), cancellationToken);
        }
        catch (AmandaReplyException refused)
        {
            lease.Session.Transcript.Add(TranscriptEntry.Note(DateTimeOffset.Now,
                $"setdate to today on the previous disk was refused ({refused.Kind}); the date moved all the same, and {lease.Target.Disk} is set next"));
        }
        catch
        {
            await lease.Session.AbortAsync();
            throw;
        }
        _latestDay[lease.Session] = today;
    }

    /// <summary>Begins the index audit of every disk given that has none yet, in batches (<see cref="IndexAudit.RunManyAsync"/>:
    /// two processes per hundred disks, not two a disk), before an estate is browsed. Not awaited: the first leases
    /// wait for the batch (and start their sessions meanwhile, where none is idle). A disk the batch does not clear is
    /// audited alone, as always.</summary>
    public void AuditAhead(IReadOnlyList<BackupTarget> disks)
    {
        var slots = disks.Distinct().Select(d => (Disk: d, Slot: _disks.GetOrAdd(d, _ => new DiskSlot()))).Where(d => d.Slot.IndexAudit is null).ToList();
        if (slots.Count == 0) return;
        // Shared by every lease of these disks, so not tied to one caller's token (gzip -t is bounded by the files' size).
        var batch = Audit.RunManyAsync([.. slots.Select(s => s.Disk)], CancellationToken.None);
        foreach (var (disk, slot) in slots)
            _ = slot.AuditOnce(() => FromBatchAsync(batch, disk)); // a lease's own may have begun
    }

    /// <summary>The disk's index audit (<see cref="AuditAhead"/>'s batch, or its own begun now): its note, or the damage
    /// it found, as a lease of the disk would meet it.</summary>
    public Task<string> IndexAuditOf(BackupTarget disk) =>
        _disks.GetOrAdd(disk, _ => new DiskSlot()).AuditOnce(() => Audit.RunAsync(disk, CancellationToken.None));

    private SemaphoreSlim? _aloneAudits;

    // Made on first use: SessionsPerHost is set after the constructor.
    private SemaphoreSlim AloneAudits => LazyInitializer.EnsureInitialized(ref _aloneAudits, () => new SemaphoreSlim(SessionsPerHost, SessionsPerHost));

    /// <summary>A disk's note from the batch, else its audit alone (as many at once as a host's sessions: a batch that
    /// failed as a whole must not start two processes for every disk at once), which names exactly what is wrong.</summary>
    private async Task<string> FromBatchAsync(Task<IReadOnlyDictionary<BackupTarget, string>> batch, BackupTarget disk)
    {
        try
        {
            if ((await batch).TryGetValue(disk, out var note)) return note;
        }
        catch (Exception)
        {
            // only a shortcut (it cannot be cancelled from outside): the disk's own audit says what went wrong
        }
        await AloneAudits.WaitAsync();
        try
        {
            return await Audit.RunAsync(disk, CancellationToken.None);
        }
        finally
        {
            AloneAudits.Release();
        }
    }

    /// <summary><see cref="ClockCheck"/> once per disk and run; its verdict stands for every later rent.</summary>
    private async Task<string> CheckClockAsync(DiskSlot slot, SessionLease lease, CancellationToken cancellationToken)
    {
        if (slot.ClockSkew is { } skew) throw skew;
        if (slot.ClockNote is { } note) return note;
        var (passed, ahead, history) = await ClockCheck.RunAsync(lease.Session, lease.Target, Clock(), IndexServerIsLocal, cancellationToken);
        lease.KnowHistory(history);
        slot.ClockSkew = ahead;
        slot.ClockNote = passed;
        return passed ?? throw ahead!;
    }

    /// <summary>A session outside the pool (browsing a whole configuration), counted with the others; the caller disposes
    /// it, unless it gives it to the pool (<see cref="Adopt"/>).</summary>
    public async Task<AmrecoverSession> StartUnpooledAsync(string config, string host, CancellationToken cancellationToken)
    {
        var session = await AmrecoverSession.StartAsync(options, config, host, cancellationToken);
        Interlocked.Increment(ref _started);
        return session;
    }

    /// <summary>A session of <see cref="StartUnpooledAsync"/> joins its (config, host)'s idle sessions (it browsed the
    /// configuration and ended on that host with <c>sethost</c>): the next lease there takes it instead of paying a
    /// start. False when the host's sessions are busy or full: the caller still owns and disposes it.</summary>
    public bool Adopt(AmrecoverSession session)
    {
        var day = Clock().Date; // it started moments ago, at amrecover's default date: today
        if (_disposed || session.Host.Length == 0 ||
            !_hosts.GetOrAdd((session.Config, session.Host), _ => new HostSessions(SessionsPerHost)).Adopt(session)) return false;
        _latestDay.TryAdd(session, day);
        return true;
    }

    /// <summary>Whether any host of <paramref name="config"/> has sessions already (lent or idle).</summary>
    public bool HasSessionsOf(string config) => _hosts.Any(h => h.Key.Config == config && h.Value.Count > 0);

    private readonly ConcurrentDictionary<string, (Task<(DumpCatalogue? Catalogue, string Reason)> Read, DateTime Begun)> _catalogues =
        new(StringComparer.Ordinal);

    /// <summary>How long a catalogue begun ahead may wait for its estate step: the Given and the Then follow each other;
    /// one older (a Then that never ran) may predate an amdump, and is read again.</summary>
    public static readonly TimeSpan CatalogueAge = TimeSpan.FromMinutes(1);

    /// <summary>Begins reading the configuration's catalogue (<c>amadmin find</c>) for an estate step that follows, so
    /// it runs while amrecover starts; it replaces one begun before. Not tied to a caller's token:
    /// <see cref="TakeCatalogueAsync"/> waits with its own (amadmin has its own bound, <see cref="DumpCatalogue.Timeout"/>).</summary>
    public void BeginCatalogue(string config) =>
        _catalogues[config] = (DumpCatalogue.ReadAsync(config, CancellationToken.None, IndexRoots.Parameters), DateTime.UtcNow);

    /// <summary>The catalogue begun for this configuration in the last <see cref="CatalogueAge"/>, else read now. Taken,
    /// not kept: the next estate step of the run reads it afresh (an amdump may have ended since).</summary>
    public async Task<(DumpCatalogue? Catalogue, string Reason)> TakeCatalogueAsync(string config, CancellationToken cancellationToken) =>
        _catalogues.TryRemove(config, out var begun) && DateTime.UtcNow - begun.Begun < CatalogueAge
            ? await begun.Read.WaitAsync(cancellationToken)
            : await DumpCatalogue.ReadAsync(config, cancellationToken, IndexRoots.Parameters);

    private volatile bool _disposed;

    /// <summary>The lease's session back to its host's idle sessions (on the lease's disk), then the disk to the next
    /// lease. A session that died is closed; its turn starts a new one.</summary>
    internal async ValueTask ReturnAsync(SessionLease lease)
    {
        // A lease given back after the pool ended (a scenario stopped late): its session was closed with the pool.
        if (!_hosts.TryGetValue((lease.Target.Config, lease.Target.Host), out var host))
        {
            await lease.Session.DisposeAsync();
            return;
        }
        if (lease.LatestSetOn is { } day) _latestDay[lease.Session] = day;
        try
        {
            if (host.Give(lease.Session, lease.Target.Disk) is { } dead) await CloseAsync(dead);
        }
        finally
        {
            if (_disks.TryGetValue(lease.Target, out var disk)) disk.Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true; // a late Adopt must not start a host nobody closes
        foreach (var host in _hosts.Values)
            foreach (var session in host.TakeAll())
                await session.DisposeAsync();
        _hosts.Clear();
        _disks.Clear();
        _latestDay.Clear();
    }

    /// <summary>A session that died, out of the pool's books and closed.</summary>
    private ValueTask CloseAsync(AmrecoverSession session)
    {
        _latestDay.TryRemove(session, out _);
        return session.DisposeAsync();
    }

    private static string OneLine(string text)
    {
        var line = string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 300 ? line : line[..300] + " ...";
    }
}
