using BackupAcceptance.Expectations.Live;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations.Checks;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

public sealed class LiveChangesTests
{
    private static readonly DateTime DumpLocal = new(2026, 12, 6, 14, 24, 51, DateTimeKind.Unspecified);
    private static readonly DumpDate Dump = new(DumpLocal);
    private static readonly DateTime DumpUtc = DateTime.SpecifyKind(DumpLocal, DateTimeKind.Local).ToUniversalTime();

    private static LiveEntry File(DateTime modifiedUtc, DateTime changedUtc) =>
        new(RawPath.Parse("a/b.txt"), LiveEntryKind.RegularFile, modifiedUtc, changedUtc);

    [Test]
    public void Untouched_since_the_dump_is_comparable() =>
        LiveChanges.Of(File(DumpUtc.AddDays(-3), DumpUtc.AddDays(-3)), Dump).ShouldBe(LiveChange.Comparable);

    [Test]
    public void Content_written_after_the_dump_has_changed() =>
        LiveChanges.Of(File(DumpUtc.AddSeconds(1), DumpUtc.AddSeconds(1)), Dump).ShouldBe(LiveChange.ChangedSinceDump);

    [Test]
    public void A_rewrite_with_its_old_mtime_put_back_is_caught_by_its_ctime() =>
        LiveChanges.Of(File(DumpUtc.AddDays(-3), DumpUtc.AddMinutes(5)), Dump).ShouldBe(LiveChange.ChangedSinceDump);

    [Test]
    public void Within_the_dump_second_counts_as_at_the_dump() =>
        LiveChanges.Of(File(DumpUtc.AddMilliseconds(900), DumpUtc.AddMilliseconds(900)), Dump).ShouldBe(LiveChange.Comparable);

    /// <summary>A nightly run at 01:30 on the night the clock falls back: 01:30 happens twice, and the earlier instant
    /// is the one that never takes a file changed after the dump for an older one.</summary>
    [Test]
    public void In_the_hour_the_clock_falls_back_the_dump_is_the_earlier_instant()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        LiveChanges.DumpedAtUtc(new DumpDate(new DateTime(2026, 11, 1, 1, 30, 0)), newYork)
            .ShouldBe(new DateTime(2026, 11, 1, 5, 30, 0, DateTimeKind.Utc));
        LiveChanges.DumpedAtUtc(new DumpDate(new DateTime(2026, 12, 6, 1, 30, 0)), newYork)
            .ShouldBe(new DateTime(2026, 12, 6, 6, 30, 0, DateTimeKind.Utc));
    }
}
