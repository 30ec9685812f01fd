using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Coverage of the whole estate: every disk of every host of a configuration (<c>listhost</c>, <c>listdisk</c>), so
/// a disk added to the disklist is checked without editing a feature file. Each must have a recent dump holding
/// files; the failure lists every bad disk with what is wrong with it.
/// </summary>
public static class EstateCheck
{
    public static async Task<IReadOnlyList<BackupTarget>> DisksAsync(SessionPool pool, string config, CancellationToken cancellationToken)
    {
        var estate = BackupTarget.Estate(config);
        try
        {
            await using var session = await pool.StartUnpooledAsync(config, "", cancellationToken);
            var disks = new List<BackupTarget>();
            foreach (var host in await session.ListHostsAsync(cancellationToken))
            {
                await session.SetHostAsync(host, cancellationToken);
                disks.AddRange((await session.ListDisksAsync(cancellationToken)).Select(disk => new BackupTarget(config, host, disk)));
            }
            return disks;
        }
        catch (AmrecoverException failure)
        {
            throw AmandaFailures.Translate(estate, null, "the configuration's hosts and disks", failure);
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
        var report = new List<string>();
        var bad = new List<ExpectationFailedException>();
        var checkedDisks = 0;
        foreach (var disk in disks)
        {
            try
            {
                await using var lease = await pool.RentAsync(disk, cancellationToken);
                var latest = await FreshnessCheck.RequireLatestNoOlderThanAsync(lease, maximumAge, now, cancellationToken);
                var walk = await FileCountCheck.RequireFilesAsync(lease, minimumFiles, cancellationToken);
                report.Add($"ok   {disk.Host}:{disk.Disk} (dump {latest.Date}, {walk.Describe()})");
            }
            catch (ExpectationFailedException failure)
            {
                bad.Add(failure);
                report.Add($"BAD  {disk.Host}:{disk.Disk} ({(failure.DumpDate is { } date ? $"dump {date}" : "no dump")}): " +
                    $"{failure.Category.Title()}: expected {failure.Expected}; found {failure.Found}");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && bad.Count > 0)
            {
                // Stopped (Ctrl-C, a time limit): the bad disks found so far are still the verdict, not lost to the stop.
                report.Add($"STOP after {checkedDisks} of {Guard.Plural(disks.Count, "disk")}: the run was stopped");
                break;
            }
            checkedDisks++;
        }
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
