using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

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
    /// follows), the others it will use start side by side with it, when the pool has none of the configuration yet:
    /// a start is a second, mostly amrecover's own sleep, and they pay that second together. Those are only a head
    /// start: one that fails to start or to move to the host is closed, and the lease that needs it starts another.</summary>
    public static async Task<IReadOnlyList<BackupTarget>> DisksAsync(SessionPool pool, string config, CancellationToken cancellationToken,
        bool startHostSessions = false)
    {
        var estate = BackupTarget.Estate(config);
        var others = startHostSessions && !pool.HasSessionsOf(config)
            ? Enumerable.Range(1, pool.SessionsPerHost - 1).Select(_ => pool.StartUnpooledAsync(config, "", cancellationToken)).ToList()
            : [];
        AmrecoverSession? lister = null;
        var adopted = false;
        try
        {
            lister = await pool.StartUnpooledAsync(config, "", cancellationToken);
            var disks = new List<BackupTarget>();
            foreach (var host in await lister.ListHostsAsync(cancellationToken))
            {
                await lister.SetHostAsync(host, cancellationToken);
                disks.AddRange((await lister.ListDisksAsync(cancellationToken)).Select(disk => new BackupTarget(config, host, disk)));
            }
            adopted = disks.Count > 0 && pool.Adopt(lister);
            return disks;
        }
        catch (AmrecoverException failure)
        {
            throw AmandaFailures.Translate(estate, null, "the configuration's hosts and disks", failure);
        }
        finally
        {
            if (lister is not null && !adopted) await lister.DisposeAsync();
            await JoinAsync(pool, others, adopted ? lister!.Host : null);
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

    public static async Task<IReadOnlyList<string>> RequireEveryDiskAsync(SessionPool pool, IReadOnlyList<BackupTarget> disks,
        TimeSpan maximumAge, int minimumFiles, DateTime now, CancellationToken cancellationToken)
    {
        if (disks.Count == 0)
            throw new ExpectationFailedException(FailureCategory.AmandaUnreachable, BackupTarget.Estate("?"), null,
                "at least one disk to check", "no disk (listhost/listdisk gave none, or every disk was left out)", "");
        // Disks side by side, as many at once as the pool lends sessions (per host), each disk on whichever of its
        // host's sessions is free; dealt host by host in turn, so every host's sessions work from the start.
        var hosts = disks.Select(d => (d.Config, d.Host)).Distinct().Count();
        var order = disks.Select((disk, index) => (disk, index))
            .GroupBy(d => (d.disk.Config, d.disk.Host))
            .SelectMany(host => host.Select((d, rank) => (d.index, rank)))
            .OrderBy(d => d.rank).ThenBy(d => d.index).Select(d => d.index).ToList();
        // Every disk's index files, a hundred disks a batch, instead of two processes a disk as each is lent; sessions
        // start meanwhile, and each lease waits for its own disk's note.
        pool.AuditAhead(disks);
        var lines = new string?[disks.Count];
        var failures = new ExpectationFailedException?[disks.Count];
        var checkedDisks = 0;
        var stopped = false;
        try
        {
            await Parallel.ForEachAsync(order, new ParallelOptions
            {
                MaxDegreeOfParallelism = pool.SessionsPerHost * hosts,
                CancellationToken = cancellationToken,
            }, async (index, token) =>
            {
                var disk = disks[index];
                try
                {
                    await using var lease = await pool.RentAsync(disk, token);
                    var latest = await FreshnessCheck.RequireLatestNoOlderThanAsync(lease, maximumAge, now, token);
                    var walk = await FileCountCheck.RequireFilesAsync(lease, minimumFiles, token);
                    lines[index] = $"ok   {disk.Host}:{disk.Disk} (dump {latest.Date}, {walk.Describe()})";
                }
                catch (ExpectationFailedException failure)
                {
                    failures[index] = failure;
                    lines[index] = $"BAD  {disk.Host}:{disk.Disk} ({(failure.DumpDate is { } date ? $"dump {date}" : "no dump")}): " +
                        $"{failure.Category.Title()}: expected {failure.Expected}; found {failure.Found}";
                }
                Interlocked.Increment(ref checkedDisks);
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && failures.Any(f => f is not null))
        {
            // Stopped (Ctrl-C, a time limit): the bad disks found so far are still the verdict, not lost to the stop.
            stopped = true;
        }
        var report = lines.OfType<string>().ToList();
        if (stopped) report.Add($"STOP after {checkedDisks} of {Guard.Plural(disks.Count, "disk")}: the run was stopped");
        var bad = failures.OfType<ExpectationFailedException>().ToList();
        if (bad.Count > 0)
        {
            var worst = Worst(bad.Select(b => b.Category));
            throw new ExpectationFailedException(worst, BackupTarget.Estate(disks[0].Config), null,
                $"every disk to have a dump no older than {maximumAge.TotalHours:0.#} hours with at least {Guard.Plural(minimumFiles, "file")}",
                $"{bad.Count} bad of {Guard.Plural(disks.Count, "disk")}{(checkedDisks < disks.Count ? $" (stopped after {checkedDisks})" : "")}: " +
                string.Join("; ", bad.Select(b => $"{b.Target.Host}:{b.Target.Disk} ({b.Category.Title()}: {b.Found})")),
                string.Join("\n", report));
        }
        return report;
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
