namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Which disks of a screened estate amrecover checks (<see cref="EstateCheck"/>): every disk the screen could not read
/// or found bad, and a seeded sample of the good ones. The rest are answered by the screen. Disks by their index in
/// the estate.
/// </summary>
/// <param name="Good">Screened, fresh enough, with enough files.</param>
/// <param name="Sample">The good disks amrecover confirms.</param>
/// <param name="Asked">Every disk amrecover checks: the others and the sample, in estate order.</param>
public sealed record EstatePlan(IReadOnlyList<int> Good, IReadOnlyList<int> Sample, IReadOnlyList<int> Asked)
{
    public static EstatePlan Make(IReadOnlyList<BackupTarget> disks, IReadOnlyDictionary<BackupTarget, ScreenedDisk> screened,
        TimeSpan maximumAge, int minimumFiles, DateTime now, DateTime today)
    {
        var all = Enumerable.Range(0, disks.Count).ToList();
        var good = all.Where(i => screened.TryGetValue(disks[i], out var d) && FreshnessCheck.IsFresh(d.Latest.Date, maximumAge, now)
            && d.Files >= minimumFiles).ToList();
        var sample = Draw(good, disks, today);
        return new EstatePlan(good, sample, [.. all.Except(good).Concat(sample).Order()]);
    }

    /// <summary>Good disks amrecover confirms: the square root of the estate's size, at least 3 (all when fewer), so a
    /// screen wrong for one disk in ten is caught with odds of about 85 % at 300 disks (18 sampled), 99 % at 2,000 (45).</summary>
    public static int SampleSize(int disks, int good) => Math.Min(good, Math.Max(3, (int)Math.Ceiling(Math.Sqrt(disks))));

    /// <summary>A sample of the good disks, seeded by the configuration and the day: the same within a day (a rerun
    /// confirms the same disks), another the next night.</summary>
    private static List<int> Draw(List<int> good, IReadOnlyList<BackupTarget> disks, DateTime today)
    {
        var shuffled = good.ToArray();
        var seed = 17;
        foreach (var ch in $"{disks[0].Config}|{today:yyyy-MM-dd}") seed = unchecked(seed * 31 + ch);
        new Random(seed).Shuffle(shuffled);
        return [.. shuffled.Take(SampleSize(disks.Count, good.Count)).Order()];
    }
}
