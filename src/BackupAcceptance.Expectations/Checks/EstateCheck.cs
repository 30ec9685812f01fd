using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Sources;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Coverage of the whole estate: every disk of every host of a configuration (<c>listhost</c>, <c>listdisk</c>), so
/// a disk added to the disklist is checked without editing a feature file. Each must have a recent dump holding
/// files; the failure lists every bad disk with what is wrong with it. Disks are checked in parallel over the pool's
/// shared sessions (<see cref="SessionPool.SessionsPerHost"/> per host): one amrecover serves many disks.
/// </summary>
public static class EstateCheck
{
    /// <summary>Every disk of every host of <paramref name="config"/>. The session that lists joins the pool's
    /// sessions of the last host listed (a start saved). With <paramref name="startHostSessions"/> (the estate step
    /// follows): on the Amanda server the catalogue is read meanwhile (<see cref="EstateScreen"/>); elsewhere the other
    /// sessions the step will use start side by side with the lister, when the pool has none of the configuration yet:
    /// a start is a second, mostly amrecover's own sleep, and they pay that second together. Those are only a head
    /// start: one that fails to start or to move to the host is closed, and the lease that needs it starts another.</summary>
    public static async Task<IReadOnlyList<BackupTarget>> DisksAsync(SessionPool pool, string config, CancellationToken cancellationToken,
        bool startHostSessions = false)
    {
        var estate = BackupTarget.Estate(config);
        AmrecoverSession? lister = null;
        var adopted = false;
        List<Task<AmrecoverSession>> others = [];
        Task<AmrecoverSession>? listerStart = null;
        try
        {
            listerStart = pool.StartUnpooledAsync(config, "", cancellationToken);
            if (startHostSessions)
            {
                // On the server the catalogue is read while amrecover starts, and amrecover checks only a few disks: no
                // sessions ahead. Elsewhere the others start now. amgetconf takes a second on a large configuration,
                // so the dump user (the catalogue's and the audit's) is asked beside the index directory.
                pool.IndexRoots.Parameters.Begin(config, "dumpuser");
                if (await EstateScreen.MayReadAsync(pool, config, cancellationToken)) pool.BeginCatalogue(config);
                else if (!pool.HasSessionsOf(config))
                    others = [.. Enumerable.Range(1, pool.SessionsPerHost - 1).Select(_ => pool.StartUnpooledAsync(config, "", cancellationToken))];
            }
            lister = await listerStart;
            var disks = new List<BackupTarget>();
            foreach (var host in await lister.ListHostsAsync(cancellationToken))
            {
                await lister.SetHostAsync(host, cancellationToken);
                disks.AddRange((await lister.ListDisksAsync(cancellationToken)).Select(disk => new BackupTarget(config, host, disk)));
            }
            if (disks.Count == 0)
                throw new ExpectationFailedException(FailureCategory.AmandaUnreachable, estate, null, $"the disks of {config} (listhost, listdisk)",
                    "amrecover lists no disk: the disklist is empty, or amindexd hides the disks this machine may not recover " +
                    "(a recovery-limit in amanda.conf or the disklist)", lister.Transcript.Tail());
            adopted = pool.Adopt(lister);
            return disks;
        }
        catch (AmrecoverException failure)
        {
            throw AmandaFailures.Translate(estate, null, "the configuration's hosts and disks", failure);
        }
        finally
        {
            if (lister is null && listerStart is not null) lister = await Started(listerStart); // stopped before it was awaited
            if (lister is not null && !adopted) await lister.DisposeAsync();
            await JoinAsync(pool, others, adopted ? lister!.Host : null);
        }
    }

    private static async Task<AmrecoverSession?> Started(Task<AmrecoverSession> start)
    {
        try
        {
            return await start;
        }
        catch (Exception failed) when (failed is AmrecoverException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The sessions started beside the lister join <paramref name="host"/>'s (none: the listing failed, or
    /// found no disk); any that failed is left out, any the pool does not take is closed.</summary>
    private static async Task JoinAsync(SessionPool pool, List<Task<AmrecoverSession>> starts, string? host)
    {
        foreach (var start in starts)
        {
            AmrecoverSession session;
            try
            {
                session = await start;
            }
            catch (Exception failed) when (failed is AmrecoverException or OperationCanceledException)
            {
                continue; // only a head start: the lease that needs a session starts one
            }
            try
            {
                if (host is not null)
                {
                    await session.SetHostAsync(host, CancellationToken.None); // bounded by the session's command timeout
                    if (pool.Adopt(session)) continue;
                }
            }
            catch (Exception failed) when (failed is AmrecoverException or OperationCanceledException)
            {
            }
            await session.DisposeAsync();
        }
    }

    /// <summary>The disks without those named (host:disk or just the disk). A name that matches no disk is a typo that
    /// would silently widen or narrow the check: a suite defect.</summary>
    public static IReadOnlyList<BackupTarget> Without(IReadOnlyList<BackupTarget> disks, IReadOnlyCollection<string> names, string config)
    {
        var unknown = names.Where(n => !disks.Any(d => d.Disk == n || $"{d.Host}:{d.Disk}" == n)).ToList();
        if (unknown.Count > 0)
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, BackupTarget.Estate(config), null,
                $"exceptions that name disks of {config}", $"these match no disk: {string.Join(", ", unknown)}", "");
        return disks.Where(d => !names.Contains(d.Disk) && !names.Contains($"{d.Host}:{d.Disk}")).ToList();
    }

    /// <summary>Every disk has a dump no older than <paramref name="maximumAge"/> holding at least
    /// <paramref name="minimumFiles"/> files. On the Amanda server the estate is first read from the server's own files
    /// (<see cref="EstateScreen"/>); amrecover then checks every disk the screen could not answer or found bad, and a
    /// seeded sample of the good ones (<see cref="EstatePlan"/>). If amrecover says otherwise of any disk the screen read
    /// (a sampled good one, or one it found bad), the screen is not trusted and amrecover checks every disk. Elsewhere,
    /// or when the server's files cannot be read, amrecover checks every disk.</summary>
    /// <returns>A line per disk, after a line that says how the estate was read.</returns>
    /// <param name="screen">How the server's files are read (default <see cref="EstateScreen.ReadAsync"/>; tests give
    /// one that lies).</param>
    public static async Task<IReadOnlyList<string>> RequireEveryDiskAsync(SessionPool pool, IReadOnlyList<BackupTarget> disks,
        TimeSpan maximumAge, int minimumFiles, DateTime now, CancellationToken cancellationToken, EstateScreen.Reader? screen = null)
    {
        if (disks.Count == 0)
            throw new ExpectationFailedException(FailureCategory.AmandaUnreachable, BackupTarget.Estate("?"), null,
                "at least one disk to check", "no disk (listhost/listdisk gave none, or every disk was left out)", "");
        // Every disk's index files, a hundred disks a batch, instead of two processes a disk as each is lent; sessions
        // start meanwhile, and each lease waits for its own disk's note.
        pool.AuditAhead(disks);
        var results = new DiskResult?[disks.Count];
        var (screened, why) = await ScreenAsync(screen ?? EstateScreen.ReadAsync, pool, disks, cancellationToken);
        var all = Enumerable.Range(0, disks.Count).ToList();
        string how;
        bool stopped;
        if (screened is null)
        {
            how = $"amrecover checked every disk (the server's files not read: {why})";
            stopped = await CheckAsync(pool, disks, all, results, maximumAge, minimumFiles, now, cancellationToken);
        }
        else
        {
            var (good, sample, asked) = EstatePlan.Make(disks, screened, maximumAge, minimumFiles, now, pool.Clock());
            stopped = await CheckAsync(pool, disks, asked, results, maximumAge, minimumFiles, now, cancellationToken, DisksPerStart);
            // Any disk the screen read and amrecover judged otherwise (ok or bad, or another latest dump) discredits it.
            var disagree = asked.Where(i => screened.TryGetValue(disks[i], out var read) && results[i] is { } r
                && ((r.Failure is null) != good.Contains(i) || r.Failure is null && r.Latest != read.Latest.Date)).ToList();
            var rest = good.Except(sample).ToList();
            if (stopped)
                how = $"read from the server's catalogue (amadmin find) and index files; stopped before amrecover checked the {asked.Count} disks it had to";
            else if (disagree.Count > 0)
            {
                how = $"amrecover checked every disk: it disagreed with the server's catalogue and index files on " +
                      $"{string.Join(", ", disagree.Select(i => $"{disks[i].Host}:{disks[i].Disk}"))}, so the screen was not trusted";
                stopped = await CheckAsync(pool, disks, rest, results, maximumAge, minimumFiles, now, cancellationToken);
            }
            else
            {
                how = $"read from the server's catalogue (amadmin find) and index files: {Plural.Of(screened.Count, "disk")} of " +
                      $"{disks.Count} screened, {good.Count} good; amrecover checked {Plural.Of(asked.Count, "disk")} " +
                      $"({asked.Count - sample.Count} the screen found bad or could not read, a sample of {sample.Count} good, which it confirmed)";
                foreach (var i in rest)
                {
                    var disk = screened[disks[i]];
                    results[i] = new DiskResult($"ok   {disks[i].Host}:{disks[i].Disk} (dump {disk.Latest.Date}, " +
                        $"{Plural.Of(disk.Files, "file")} in the index files of {Plural.Of(disk.Chain.Count, "dump")})", null, disk.Latest.Date);
                }
            }
        }
        var checkedDisks = results.Count(r => r is not null);
        var report = new List<string> { how };
        report.AddRange(results.OfType<DiskResult>().Select(r => r.Line));
        if (stopped) report.Add($"STOP after {checkedDisks} of {Plural.Of(disks.Count, "disk")}: the run was stopped");
        var bad = results.Select(r => r?.Failure).OfType<ExpectationFailedException>().ToList();
        if (bad.Count > 0)
        {
            var worst = Worst(bad.Select(b => b.Category));
            throw new ExpectationFailedException(worst, BackupTarget.Estate(disks[0].Config), null,
                $"every disk to have a dump no older than {maximumAge.TotalHours:0.#} hours with at least {Plural.Of(minimumFiles, "file")}",
                $"{bad.Count} bad of {Plural.Of(disks.Count, "disk")}{(checkedDisks < disks.Count ? $" (stopped after {checkedDisks})" : "")}: " +
                string.Join("; ", bad.Select(b => $"{b.Target.Host}:{b.Target.Disk} ({b.Category.Title()}: {b.Found})")),
                string.Join("\n", report));
        }
        return report;
    }

    /// <summary>The screen's reading, or why there is none: the screen only spares amrecover work, so a reading that
    /// fails (an index directory that vanished, an odd file) leaves every disk to amrecover, never breaks the step.</summary>
    private static async Task<(IReadOnlyDictionary<BackupTarget, ScreenedDisk>? Screened, string Reason)> ScreenAsync(EstateScreen.Reader read,
        SessionPool pool, IReadOnlyList<BackupTarget> disks, CancellationToken cancellationToken)
    {
        try
        {
            return await read(pool, disks, cancellationToken);
        }
        catch (Exception failed) when (failed is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (null, $"reading them failed: {failed.GetType().Name}: {failed.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>Disks a confirming session takes before another is worth starting: a start costs about a second and
    /// a disk about 25 ms (docs/bench/estate.md).</summary>
    public const int DisksPerStart = 50;

    private sealed record DiskResult(string Line, ExpectationFailedException? Failure, DumpDate? Latest);

    /// <summary>The disks at <paramref name="indices"/> through amrecover, side by side, as many at once as the pool
    /// lends sessions (per host), each on whichever of its host's sessions is free; dealt host by host in turn, so every
    /// host's sessions work from the start.</summary>
    /// <returns>Whether the run was stopped after a bad disk was found (the bad disks found so far are the verdict).</returns>
    /// <param name="disksPerStart">With a number, one session a host for every so many of its disks (up to the pool's
    /// bound), since each start costs a second and an amindexd reading the whole catalogue; without, the pool's bound.</param>
    private static async Task<bool> CheckAsync(SessionPool pool, IReadOnlyList<BackupTarget> disks, IReadOnlyList<int> indices, DiskResult?[] results,
        TimeSpan maximumAge, int minimumFiles, DateTime now, CancellationToken cancellationToken, int? disksPerStart = null)
    {
        if (indices.Count == 0) return false;
        var perHost = indices.GroupBy(i => (disks[i].Config, disks[i].Host))
            .Sum(host => disksPerStart is { } per ? Math.Clamp((host.Count() + per - 1) / per, 1, pool.SessionsPerHost) : pool.SessionsPerHost);
        var order = indices.Select(index => (disk: disks[index], index))
            .GroupBy(d => (d.disk.Config, d.disk.Host))
            .SelectMany(host => host.Select((d, rank) => (d.index, rank)))
            .OrderBy(d => d.rank).ThenBy(d => d.index).Select(d => d.index).ToList();
        try
        {
            await Parallel.ForEachAsync(order, new ParallelOptions
            {
                MaxDegreeOfParallelism = perHost,
                CancellationToken = cancellationToken,
            }, async (index, token) =>
            {
                var disk = disks[index];
                try
                {
                    await using var lease = await pool.RentAsync(disk, token);
                    var latest = AmandaDiskHistory.DateOf(await AmandaView.RunAsync(lease, SnapshotChoice.Latest, (view, cancellation) =>
                        FreshnessRules.RequireLatestNoOlderThanAsync(view, maximumAge, new DateTimeOffset(now), cancellation), token));
                    var walk = await FileCountCheck.RequireFilesAsync(lease, minimumFiles, token);
                    results[index] = new DiskResult($"ok   {disk.Host}:{disk.Disk} (dump {latest}, {walk.Describe()})", null, latest);
                }
                catch (ExpectationFailedException failure)
                {
                    results[index] = new DiskResult($"BAD  {disk.Host}:{disk.Disk} ({(failure.DumpDate is { } date ? $"dump {date}" : "no dump")}): " +
                        $"{failure.Category.Title()}: expected {failure.Expected}; found {failure.Found}", failure, failure.DumpDate);
                }
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && results.Any(r => r?.Failure is not null))
        {
            // Stopped (Ctrl-C, a time limit): the bad disks found so far are still the verdict, not lost to the stop.
            return true;
        }
        return false;
    }

    /// <summary>The estate's category: a backup fault first, so one unreachable disk never turns hollow disks beside it
    /// into a broken run that blames the server; then the most severe.</summary>
    public static FailureCategory Worst(IEnumerable<FailureCategory> categories) =>
        categories.OrderBy(c => c.IsBackupDefect() ? 0 : 1).ThenBy(Severity).First();

    private static int Severity(FailureCategory category) => category switch
    {
        FailureCategory.AmandaUnreachable => 0,
        FailureCategory.StaleBackup => 1,
        FailureCategory.HollowBackup => 2,
        FailureCategory.TooFewFiles or FailureCategory.IndexDamaged => 3,
        _ => 4,
    };
}
