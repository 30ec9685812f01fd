using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Walks;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Tests.Integration;

/// <summary>The dump the suite reads for a date written to the minute or to the day is the one amrecover shows: the
/// index-file count, the walk's own count and amrecover agree on a real dump whose seconds are not 00.</summary>
[Category("Integration")]
public sealed class DumpPickIntegrationTests
{
    private SessionPool _pool = null!;

    [OneTimeSetUp]
    public void RequireAmanda()
    {
        RealAmanda.Require();
        _pool = new SessionPool(new AmrecoverOptions());
    }

    [OneTimeTearDown]
    public async Task DisposePoolAsync()
    {
        if (_pool is not null) await _pool.DisposeAsync();
    }

    private static BackupTarget Layered => new(RealAmanda.Config, RealAmanda.Host, RealAmanda.Disk("layered"));

    private async Task<IReadOnlyList<DumpRecord>> HistoryAsync()
    {
        await using var lease = await _pool.RentAsync(Layered, CancellationToken.None);
        await lease.Session.SetDiskAsync(Layered.Disk, CancellationToken.None);
        return await lease.Session.HistoryAsync(CancellationToken.None);
    }

    /// <summary>Sets <paramref name="working"/>, then asks amrecover which dump it shows and counts from the index files.</summary>
    private async Task<(DumpDate Shown, DiskInventory Counted, IReadOnlyList<DumpRecord> Picked)> ViewAsync(DumpDate working,
        IReadOnlyList<DumpRecord> history)
    {
        await using var lease = await _pool.RentAsync(Layered, CancellationToken.None);
        await lease.ViewDumpAsync(working, CancellationToken.None);
        await lease.Session.SetDiskAsync(Layered.Disk, CancellationToken.None);
        var shown = (await lease.Session.ListAsync(CancellationToken.None)).DumpDate;
        shown.ShouldNotBeNull($"amrecover shows a dump for {working}");
        var (counted, why) = await IndexWalk.TryWalkAsync(lease, WalkSettings.Default, CancellationToken.None);
        counted.ShouldNotBeNull(why);
        return (shown.Value, counted, IndexChain.Select(history, lease.WorkingDate));
    }

    [Test]
    public async Task A_date_to_the_minute_and_one_to_the_day_read_the_dump_amrecover_shows()
    {
        var history = await HistoryAsync();
        // A dump whose seconds are not 00 and with an older dump before its minute, so the minute has one to show.
        var dump = history.Where(d => d.Date.Value.Second != 0)
            .FirstOrDefault(d => history.Any(older => older.Date.Value < d.Date.Value.AddSeconds(-d.Date.Value.Second)));
        dump.ShouldNotBeNull("layered needs a dump whose seconds are not 00 with an older dump before its minute " +
                             $"(provision/amanda-demo.sh); history: {string.Join(", ", history.Select(d => d.Date))}");
        var value = dump.Date.Value;

        var minute = DumpDate.Parse(value.ToString("yyyy-MM-dd-HH-mm", System.Globalization.CultureInfo.InvariantCulture));
        var (shownForMinute, countedForMinute, pickedForMinute) = await ViewAsync(minute, history);
        shownForMinute.Value.ShouldBeLessThan(minute.Value.AddSeconds(1), $"amrecover reads {minute} as {minute.Value:HH:mm}:00");
        shownForMinute.Value.ShouldNotBe(value, "the dump itself is after the minute's second 00");
        pickedForMinute[0].Date.ShouldBe(shownForMinute);
        countedForMinute.Summary.DumpDate.ShouldBe(shownForMinute);

        var day = DumpDate.Parse(value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var (shownForDay, countedForDay, pickedForDay) = await ViewAsync(day, history);
        shownForDay.ShouldBe(history.Where(d => d.Date.Value.Date == value.Date).MaxBy(d => d.Date.Value)!.Date, "a day takes in the whole day");
        pickedForDay[0].Date.ShouldBe(shownForDay);
        countedForDay.Summary.DumpDate.ShouldBe(shownForDay);
    }
}
