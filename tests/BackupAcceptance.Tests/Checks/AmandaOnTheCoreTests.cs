using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Sources;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>
/// An Amanda disk's history through the core (<see cref="AmandaDiskHistory"/>, <see cref="AmandaView"/>): the core's
/// freshness rules judge Amanda's dumps as they judge restic's snapshots, in Amanda's words, and the failure comes
/// back as Amanda's own kind with its disk and dump date. The fake amrecover's history: a level 1 on the holding disk
/// of 2026-12-06 14:00, a split level 0 of 13:09:01 that day, a level 0 of 2026-11-26.
/// </summary>
public sealed class AmandaOnTheCoreTests
{
    private static readonly BackupTarget Target = new("fake-core", "localhost", "/srv/fixtures/big");

    private static DumpRecord Record(string date, int level, string label) => new(DumpDate.Parse(date), level, "ba-daily", label, 1);

    [Test]
    public void The_history_is_oldest_first_one_snapshot_per_dump_named_by_its_date()
    {
        // amrecover lists newest first, and a dump on two volumes once per volume.
        var snapshots = AmandaDiskHistory.Snapshots([
            Record("2026-12-06-14-00-00", 1, "ba-daily-04"),
            Record("2026-12-06-14-00-00", 1, "ba-daily-05"),
            Record("2026-11-26-20-09-55", 0, "ba-daily-02"),
        ]);
        snapshots.Select(s => s.Id).ShouldBe(["2026-11-26-20-09-55", "2026-12-06-14-00-00"]);
        snapshots[1].ToString().ShouldBe("dump 2026-12-06-14-00-00");
        snapshots[1].Detail.ShouldBe("level 1, ba-daily-04");
        snapshots[1].Time.ShouldBe(new DateTimeOffset(new DateTime(2026, 12, 6, 14, 0, 0), TimeZoneInfo.Local.GetUtcOffset(new DateTime(2026, 12, 6, 14, 0, 0))));
        AmandaDiskHistory.DateOf(snapshots[1]).ShouldBe(DumpDate.Parse("2026-12-06-14-00-00"));
    }

    [Test]
    public void A_day_admits_every_dump_of_it_and_a_minute_only_its_second_00()
    {
        var history = AmandaDiskHistory.Snapshots([
            Record("2026-12-06-14-24-36", 1, "a"), Record("2026-12-06-14-23-33", 1, "b"), Record("2026-12-05-20-00-00", 0, "c"),
        ]);
        // As amrecover's setdate chooses (docs/amrecover.md): the core must pick the dump the session shows.
        SnapshotChoice.AsOf(DumpDate.Parse("2026-12-06").LatestAdmitted, "2026-12-06").Pick(history)!.Id.ShouldBe("2026-12-06-14-24-36");
        SnapshotChoice.AsOf(DumpDate.Parse("2026-12-06-14-24").LatestAdmitted, "2026-12-06-14-24").Pick(history)!.Id.ShouldBe("2026-12-06-14-23-33");
        SnapshotChoice.AsOf(DumpDate.Parse("2026-12-06-14-23").LatestAdmitted, "2026-12-06-14-23").Pick(history)!.Id.ShouldBe("2026-12-05-20-00-00");
        // A server whose clock is ahead dated a dump tomorrow: amrecover's default date (today) hides it, and so does the core.
        var ahead = AmandaDiskHistory.Snapshots([Record("2026-12-07-01-00-00", 1, "d"), .. history.Reverse().Select(s => Record(s.Id, 1, "x"))]);
        SnapshotChoice.LatestShownBy(DumpDate.Parse("2026-12-06").LatestAdmitted).Pick(ahead)!.Id.ShouldBe("2026-12-06-14-24-36");
        SnapshotChoice.Latest.Pick(ahead)!.Id.ShouldBe("2026-12-07-01-00-00");
    }

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Test]
    public void A_dump_date_is_the_moment_it_names_at_that_days_offset()
    {
        DumpDate.Parse("2026-03-29-01-59-00").MomentIn(Berlin).ShouldBe(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero));
        DumpDate.Parse("2026-03-29-03-10-00").MomentIn(Berlin).ShouldBe(new DateTimeOffset(2026, 3, 29, 1, 10, 0, TimeSpan.Zero), "summer time");
        DumpDate.Parse("2026-03-29-02-30").MomentIn(Berlin).ShouldBe(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero).AddTicks(-1),
            "a time the clock skipped stands just before the first moment after the gap");
        DumpDate.Parse("2026-11-01-01-30").MomentIn(NewYork).ShouldBe(new DateTimeOffset(2026, 11, 1, 6, 30, 0, TimeSpan.Zero),
            "an hour that repeats is read at the standard offset");
        DumpDate.Parse("9999-12-31").LatestAdmitted.ShouldBe(DateTimeOffset.MaxValue, "the calendar's last day admits to its end");
    }

    [Test]
    public void Moments_keep_the_order_in_which_amrecover_admits_dumps_across_daylight_saving_changes()
    {
        // What the core picks by moment must be what setdate admits by the text, or "as of" names another dump.
        string[] dumps = ["2026-03-29-01-59-59", "2026-03-29-03-00-00", "2026-03-29-03-10-00", "2026-10-25-01-59-00", "2026-10-25-02-10-00",
            "2026-10-25-02-50-00", "2026-10-25-03-00-00", "2026-03-08-01-59-00", "2026-03-08-03-00-00", "2026-11-01-01-10-00", "2026-11-01-01-50-00"];
        string[] asOf = ["2026-03-29-02-30", "2026-03-29-03-00", "2026-03-29-02-00", "2026-10-25-02-30", "2026-10-25-02-10", "2026-10-25-03-00",
            "2026-03-08-02-30", "2026-11-01-01-30", "2026-11-01-01-10"];
        foreach (var zone in new[] { Berlin, NewYork })
            foreach (var working in asOf.Select(DumpDate.Parse))
                foreach (var dump in dumps.Select(DumpDate.Parse))
                    (dump.MomentIn(zone) <= working.MomentIn(zone)).ShouldBe(working.Admits(dump), $"{dump} as of {working} in {zone.Id}");
    }

    private static SessionPool NewPool() =>
        new(FakeAmrecover.Options("normal", "fake-amrecover-child-" + Guid.NewGuid().ToString("N")[..12], timeoutSeconds: 10))
        {
            Clock = () => new DateTime(2026, 12, 7, 12, 0, 0),
            WaitLimit = TimeSpan.FromSeconds(20),
        };

    [Test]
    public async Task A_stale_latest_dump_fails_in_the_dumps_words_naming_the_disk_and_the_dump()
    {
        await using var pool = NewPool();
        await using var lease = await pool.RentAsync(Target, CancellationToken.None);
        var now = new DumpDate(new DateTime(2026, 12, 7, 12, 0, 0)).Moment; // 22 hours after the newest dump
        var failure = await Should.ThrowAsync<ExpectationFailedException>(() => AmandaView.RunAsync(lease, SnapshotChoice.Latest,
            (view, cancellation) => FreshnessRules.RequireLatestNoOlderThanAsync(view, TimeSpan.FromHours(21), now, cancellation), CancellationToken.None));
        failure.Category.ShouldBe(FailureCategory.StaleBackup);
        failure.Target.ShouldBe(Target);
        failure.DumpDate.ShouldBe(DumpDate.Parse("2026-12-06-14-00-00"));
        failure.Message.ShouldStartWith("Stale backup: fake-core localhost:/srv/fixtures/big (dump 2026-12-06-14-00-00): expected the latest dump " +
            "to be no older than 21 hours; found it is 22 hours old (level 1, /srv/amanda/holding/ba-daily/20261206140000/localhost._srv_fixtures_big.1).");
        failure.Message.ShouldContain("\n\namrecover transcript (last lines):\n");
        failure.TranscriptTail.ShouldContain("history", Case.Sensitive, "the command the history came from");

        var latest = await AmandaView.RunAsync(lease, SnapshotChoice.Latest,
            (view, cancellation) => FreshnessRules.RequireLatestNoOlderThanAsync(view, TimeSpan.FromHours(22), now, cancellation), CancellationToken.None);
        latest.Id.ShouldBe("2026-12-06-14-00-00", "exactly the limit still passes");
    }

    [Test]
    public async Task The_dump_before_the_latest_and_a_date_before_every_dump_are_chosen_from_the_history()
    {
        await using var pool = NewPool();
        await using var lease = await pool.RentAsync(Target, CancellationToken.None);
        (await AmandaView.RunAsync(lease, SnapshotChoice.BeforeLatest, FreshnessRules.RequireBackupAsync, CancellationToken.None))
            .Id.ShouldBe("2026-12-06-13-09-01");
        var failure = await Should.ThrowAsync<ExpectationFailedException>(() => AmandaView.RunAsync(lease,
            SnapshotChoice.AsOf(DumpDate.Parse("2020-01-01").LatestAdmitted, "2020-01-01"), FreshnessRules.RequireBackupAsync, CancellationToken.None));
        failure.Message.ShouldStartWith("Stale backup: fake-core localhost:/srv/fixtures/big (no dump): expected a dump on or before 2020-01-01; " +
            "found 3 dump(s), the newest dump 2026-12-06-14-00-00.");
        failure.DumpDate.ShouldBeNull();
    }

    [Test]
    public async Task A_rule_that_needs_listings_is_refused_on_a_history_as_a_suite_defect()
    {
        await using var pool = NewPool();
        await using var lease = await pool.RentAsync(Target, CancellationToken.None);
        var failure = await Should.ThrowAsync<ExpectationFailedException>(() => AmandaView.RunAsync(lease, SnapshotChoice.Latest,
            (view, cancellation) => ContentRules.RequireFilesAsync(view, 1, cancellation), CancellationToken.None));
        failure.Category.ShouldBe(FailureCategory.SuiteDefect);
        failure.Found.ShouldContain("read only by their history");
    }
}
