using BackupAcceptance.Expectations.Sources;
using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Sessions;

/// <summary>
/// Sessions per (config, host), moved between disks with setdisk, on the scripted fake amrecover: what real amrecover
/// cannot show on demand (which process served a lease, a session that dies between leases, a held bound).
/// </summary>
public sealed class SessionPoolTests
{
    // A config Amanda does not know: the index audit finds no index and says so; the fake answers everything else.
    private const string Config = "fake-pool";

    private static BackupTarget Disk(string disk) => new(Config, "localhost", disk);

    private static SessionPool NewPool(int sessionsPerHost = SessionPool.DefaultSessionsPerHost, Func<DateTime>? clock = null) =>
        new(FakeAmrecover.Options("normal", "fake-amrecover-child-" + Guid.NewGuid().ToString("N")[..12], timeoutSeconds: 10))
        {
            SessionsPerHost = sessionsPerHost,
            Clock = clock ?? (() => new DateTime(2026, 12, 7, 12, 0, 0)), // after every dump the fake's history shows
            WaitLimit = TimeSpan.FromSeconds(20),
        };

    /// <summary>The fake's own state: its PID, the disk it was last set to, its working date.</summary>
    private static async Task<(string Pid, string Disk, string Date)> StateAsync(SessionLease lease)
    {
        var words = (await lease.Session.SendAsync("fake-state", CancellationToken.None)).Text.Trim().Split(' ');
        return (words[1], words[3], words[5]);
    }

    [Test]
    public async Task One_session_serves_every_disk_of_a_host_one_after_another()
    {
        await using var pool = NewPool();
        var pids = new List<string>();
        foreach (var disk in new[] { "/a", "/b", "/c", "/d" })
        {
            await using var lease = await pool.RentAsync(Disk(disk), CancellationToken.None);
            var state = await StateAsync(lease);
            state.Disk.ShouldBe(disk, "every lease starts with setdisk of its own disk");
            pids.Add(state.Pid);
        }
        pool.Started.ShouldBe(1);
        pids.Distinct().Count().ShouldBe(1);
    }

    [Test]
    public async Task A_lease_given_back_after_the_pool_ended_closes_its_session_without_an_error()
    {
        var pool = NewPool();
        var lease = await pool.RentAsync(Disk("/a"), CancellationToken.None);
        var pid = (await StateAsync(lease)).Pid;

        await pool.DisposeAsync();
        await Should.NotThrowAsync(async () => await lease.DisposeAsync());

        lease.Session.IsUsable.ShouldBeFalse($"session {pid} closed");
    }

    [Test]
    public async Task At_most_the_bound_of_sessions_run_for_one_host_and_a_lease_waits_for_a_free_one()
    {
        await using var pool = NewPool(sessionsPerHost: 2);
        var a = await pool.RentAsync(Disk("/a"), CancellationToken.None);
        var b = await pool.RentAsync(Disk("/b"), CancellationToken.None);
        var c = pool.RentAsync(Disk("/c"), CancellationToken.None);
        await Task.Delay(300);
        c.IsCompleted.ShouldBeFalse("two sessions are lent out and the bound is two");
        pool.SessionsOf(Config, "localhost").ShouldBe(2);
        await a.DisposeAsync();
        await using (var third = await c.WaitAsync(TimeSpan.FromSeconds(10)))
            (await StateAsync(third)).Disk.ShouldBe("/c");
        await b.DisposeAsync();
        pool.Started.ShouldBe(2);
        pool.SessionsOf(Config, "localhost").ShouldBe(2);
    }

    [Test]
    public async Task Another_host_has_sessions_of_its_own()
    {
        await using var pool = NewPool(sessionsPerHost: 1);
        await using var here = await pool.RentAsync(Disk("/a"), CancellationToken.None);
        await using var there = await pool.RentAsync(new BackupTarget(Config, "otherhost", "/a"), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));
        pool.Started.ShouldBe(2);
    }

    [Test]
    public async Task A_disk_is_lent_to_one_lease_at_a_time_even_with_sessions_free()
    {
        await using var pool = NewPool(sessionsPerHost: 3);
        var first = await pool.RentAsync(Disk("/a"), CancellationToken.None);
        var second = pool.RentAsync(Disk("/a"), CancellationToken.None);
        await Task.Delay(300);
        second.IsCompleted.ShouldBeFalse("two amindexd racing on a dump's first browse answer '500 \"/\" is an invalid directory'");
        await first.DisposeAsync();
        await using var lease = await second.WaitAsync(TimeSpan.FromSeconds(10));
        (await StateAsync(lease)).Disk.ShouldBe("/a");
    }

    [Test]
    public async Task A_lease_prefers_the_idle_session_already_on_its_disk()
    {
        await using var pool = NewPool(sessionsPerHost: 2);
        var a = await pool.RentAsync(Disk("/a"), CancellationToken.None);
        var b = await pool.RentAsync(Disk("/b"), CancellationToken.None);
        var pidOfA = (await StateAsync(a)).Pid;
        var pidOfB = (await StateAsync(b)).Pid;
        pidOfA.ShouldNotBe(pidOfB);
        await a.DisposeAsync();
        await b.DisposeAsync(); // the most recently returned: the one taken when no session is on the disk
        await using (var again = await pool.RentAsync(Disk("/a"), CancellationToken.None))
            (await StateAsync(again)).Pid.ShouldBe(pidOfA);
        await using (var other = await pool.RentAsync(Disk("/z"), CancellationToken.None))
            (await StateAsync(other)).Pid.ShouldBe(pidOfA, "no session on /z: the most recently used one");
    }

    [Test]
    public async Task A_session_that_died_is_replaced_and_the_bound_still_holds()
    {
        await using var pool = NewPool(sessionsPerHost: 1);
        string deadPid;
        await using (var lease = await pool.RentAsync(Disk("/a"), CancellationToken.None))
        {
            deadPid = (await StateAsync(lease)).Pid;
            await Should.ThrowAsync<AmrecoverException>(() => lease.Session.SendAsync("crash", CancellationToken.None));
            lease.Session.IsUsable.ShouldBeFalse();
        }
        await using (var next = await pool.RentAsync(Disk("/b"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)))
        {
            var state = await StateAsync(next);
            state.Pid.ShouldNotBe(deadPid);
            state.Disk.ShouldBe("/b");
        }
        pool.Started.ShouldBe(2);
        pool.SessionsOf(Config, "localhost").ShouldBe(1);
    }

    [Test]
    public async Task The_next_disk_on_a_shared_session_sees_the_latest_dump_not_the_date_a_lease_chose()
    {
        await using var pool = NewPool(sessionsPerHost: 1);
        await using (var lease = await pool.RentAsync(Disk("/a"), CancellationToken.None))
        {
            await lease.ViewDumpAsync(new DumpDate(new DateTime(2026, 11, 26, 20, 9, 55)), CancellationToken.None);
            (await StateAsync(lease)).Date.ShouldStartWith("2026-11-26");
        }
        await using var next = await pool.RentAsync(Disk("/b"), CancellationToken.None);
        var state = await StateAsync(next);
        state.Disk.ShouldBe("/b");
        state.Date.ShouldBe("2026-12-07", "back at amrecover's default date, today (the pool's clock) as a whole day: what a fresh session shows");
        next.WorkingDate.ShouldBeNull();
    }

    [Test]
    public async Task Many_parallel_leases_over_few_sessions_each_get_their_own_disk()
    {
        await using var pool = NewPool(sessionsPerHost: 3);
        var disks = Enumerable.Range(1, 40).Select(i => $"/d{i:00}").ToList();
        var seen = new System.Collections.Concurrent.ConcurrentBag<(string Wanted, string Set)>();
        await Parallel.ForEachAsync(disks, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (disk, token) =>
        {
            await using var lease = await pool.RentAsync(Disk(disk), token);
            pool.SessionsOf(Config, "localhost").ShouldBeLessThanOrEqualTo(3);
            seen.Add((disk, (await StateAsync(lease)).Disk));
        });
        seen.Count.ShouldBe(40);
        seen.ShouldAllBe(s => s.Wanted == s.Set);
        pool.Started.ShouldBeLessThanOrEqualTo(3);
    }

    [Test]
    public async Task A_lease_lists_its_root_once_and_asks_history_once_and_sets_the_disk_again_only_after_a_move()
    {
        await using var pool = NewPool();
        await using (var lease = await pool.RentAsync(Disk("/a"), CancellationToken.None))
        {
            lease.IsAtRoot.ShouldBeTrue();
            var before = lease.Session.LinesSent;
            (await FileCountCheck.RequireFilesAsync(lease, 1, CancellationToken.None)).Files.ShouldBe(1);
            (lease.Session.LinesSent - before).ShouldBe(1, "the pool's setdisk left the session at the root: ls alone");
            lease.IsAtRoot.ShouldBeTrue("ls moves nothing");

            before = lease.Session.LinesSent;
            await FileCountCheck.RequireFilesAsync(lease, 1, CancellationToken.None);
            (await AmandaView.RunAsync(lease, SnapshotChoice.Latest, FreshnessRules.RequireBackupAsync, CancellationToken.None)).ShouldNotBeNull();
            (lease.Session.LinesSent - before).ShouldBe(0, "the root's listing and the history the clock check read serve the whole lease");

            await lease.Session.SendAsync("fake-state", CancellationToken.None); // anything else sent may have moved it
            lease.IsAtRoot.ShouldBeFalse();
            before = lease.Session.LinesSent;
            await lease.NavigatorAsync(CancellationToken.None);
            (lease.Session.LinesSent - before).ShouldBe(1, "setdisk back to the root; its listing is known");
            lease.IsAtRoot.ShouldBeTrue();
        }
        await using var next = await pool.RentAsync(Disk("/a"), CancellationToken.None);
        var sent = next.Session.LinesSent;
        await FileCountCheck.RequireFilesAsync(next, 1, CancellationToken.None);
        (await AmandaView.RunAsync(next, SnapshotChoice.Latest, FreshnessRules.RequireBackupAsync, CancellationToken.None)).ShouldNotBeNull();
        (next.Session.LinesSent - sent).ShouldBe(2, "a new lease lists and asks afresh (ls, history): a dump may have come since");
    }

    [Test]
    public async Task Another_dump_in_view_lists_its_own_root()
    {
        await using var pool = NewPool();
        await using var lease = await pool.RentAsync(Disk("/a"), CancellationToken.None);
        await lease.RootListingAsync(CancellationToken.None);
        await lease.ViewDumpAsync(new DumpDate(new DateTime(2026, 11, 26, 20, 9, 55)), CancellationToken.None);
        lease.IsAtRoot.ShouldBeFalse();
        var before = lease.Session.LinesSent;
        await lease.RootListingAsync(CancellationToken.None);
        (lease.Session.LinesSent - before).ShouldBe(2, "setdisk (keeping the date), then ls of that dump's root");
    }

    [Test]
    public async Task The_estate_listing_starts_the_host_sessions_side_by_side_and_the_pool_lends_them_without_a_new_start()
    {
        await using var pool = NewPool(sessionsPerHost: 3);
        var disks = await EstateCheck.DisksAsync(pool, Config, CancellationToken.None, startHostSessions: true);
        disks.Select(d => d.Disk).ShouldBe(["/a", "/b", "/c"]);
        pool.Started.ShouldBe(3);
        pool.SessionsOf(Config, "localhost").ShouldBe(3, "the lister and the two started beside it joined the host's sessions");
        await using (var lease = await pool.RentAsync(disks[1], CancellationToken.None))
        {
            lease.Session.Host.ShouldBe("localhost", "its messages name the host it serves now");
            (await StateAsync(lease)).Disk.ShouldBe("/b");
        }
        await Task.WhenAll(disks.Select(async disk =>
        {
            await using var lease = await pool.RentAsync(disk, CancellationToken.None);
            (await StateAsync(lease)).Disk.ShouldBe(disk.Disk);
        }));
        pool.Started.ShouldBe(3, "no start beyond those");
        pool.SessionsOf(Config, "localhost").ShouldBe(3);
    }

    [Test]
    public async Task The_estate_check_finds_every_disk_over_the_pool_with_the_audit_begun_ahead()
    {
        await using var pool = NewPool(sessionsPerHost: 2);
        var disks = await EstateCheck.DisksAsync(pool, Config, CancellationToken.None);
        pool.Started.ShouldBe(1, "without the estate step's head start, only the lister");
        var lines = await EstateCheck.RequireEveryDiskAsync(pool, disks, TimeSpan.FromDays(36500), 1, DateTime.Now, CancellationToken.None,
            (_, _, _) => Task.FromResult<(IReadOnlyDictionary<BackupTarget, ScreenedDisk>?, string)>((null, "not the server (test)")));
        lines.Count.ShouldBe(4);
        lines[0].ShouldBe("amrecover checked every disk (the server's files not read: not the server (test))");
        lines.Skip(1).ShouldAllBe(l => l.StartsWith("ok ", StringComparison.Ordinal));
        pool.Started.ShouldBeLessThanOrEqualTo(2);
    }

    [Test]
    public async Task An_estate_amrecover_lists_no_disk_of_is_refused_by_name_and_its_session_closed()
    {
        await using var pool = new SessionPool(FakeAmrecover.Options("no-disks", "fake-amrecover-child-" + Guid.NewGuid().ToString("N")[..12], timeoutSeconds: 10));
        var refused = await Should.ThrowAsync<ExpectationFailedException>(() => EstateCheck.DisksAsync(pool, Config, CancellationToken.None));
        refused.Category.ShouldBe(FailureCategory.AmandaUnreachable);
        refused.Target.Config.ShouldBe(Config);
        refused.Found.ShouldContain("recovery-limit");
        refused.TranscriptTail.ShouldContain("listdisk");
        pool.SessionsOf(Config, "localhost").ShouldBe(0, "the lister is not kept");
    }

    [Test]
    public async Task A_second_estate_listing_starts_no_head_start_and_a_pool_that_ended_takes_no_session()
    {
        var pool = NewPool(sessionsPerHost: 3);
        await EstateCheck.DisksAsync(pool, Config, CancellationToken.None, startHostSessions: true);
        await EstateCheck.DisksAsync(pool, Config, CancellationToken.None, startHostSessions: true);
        pool.Started.ShouldBe(4, "the second listing starts only its lister: the host has sessions already");
        pool.SessionsOf(Config, "localhost").ShouldBe(3, "never more than the bound: the second lister was closed");
        await pool.DisposeAsync();
        var late = await pool.StartUnpooledAsync(Config, "", CancellationToken.None);
        await late.SetHostAsync("localhost", CancellationToken.None);
        pool.Adopt(late).ShouldBeFalse("the pool ended: nothing would close it");
        await late.DisposeAsync();
    }

    [Test]
    public async Task Stderr_the_last_borrower_left_is_noted_for_the_next_and_not_read_as_its_disks_refusal()
    {
        await using var pool = NewPool(sessionsPerHost: 1);
        await using (var lease = await pool.RentAsync(Disk("/a"), CancellationToken.None))
        {
            await lease.Session.SendAsync("late-stderr", CancellationToken.None);
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (!lease.Session.HasPendingStderr) await Task.Delay(20, limit.Token); // the fake's complaint, 0.2 s after its prompt
        }
        await using var next = await pool.RentAsync(Disk("/b"), CancellationToken.None);
        (await StateAsync(next)).Disk.ShouldBe("/b", "the same session, moved: the complaint did not refuse the setdisk");
        pool.Started.ShouldBe(1);
        next.Session.Transcript.Tail().ShouldContain("stderr after the last reply, before the session moved to /b: tar: a late complaint");
    }

    [Test]
    public async Task After_midnight_a_session_of_the_day_before_is_put_at_todays_latest_before_it_is_lent()
    {
        var now = new DateTime(2026, 12, 7, 23, 59, 0);
        await using var pool = NewPool(sessionsPerHost: 1, clock: () => now);
        await using (var lease = await pool.RentAsync(Disk("/a"), CancellationToken.None))
            (await StateAsync(lease)).Date.ShouldBe("today", "a fresh session keeps amrecover's own default");
        now = now.AddMinutes(2);
        await using (var lease = await pool.RentAsync(Disk("/b"), CancellationToken.None))
            (await StateAsync(lease)).Date.ShouldBe("2026-12-08", "the day before's session moved to the new day, as a fresh one would show it");
        pool.Started.ShouldBe(1);
        await using var again = await pool.RentAsync(Disk("/a"), CancellationToken.None);
        (await StateAsync(again)).Date.ShouldBe("2026-12-08");
        again.Session.Transcript.Tail().ShouldNotContain("setdate", Case.Sensitive, "already at the day's latest: no second setdate");
    }

    [Test]
    public async Task After_midnight_a_refusal_of_setdate_on_the_previous_disk_is_not_the_next_disks_fault()
    {
        var now = new DateTime(2026, 12, 7, 23, 59, 0);
        await using var pool = NewPool(sessionsPerHost: 1, clock: () => now);
        await using (await pool.RentAsync(Disk("/nodump"), CancellationToken.None))
        {
        }
        now = now.AddMinutes(2);
        await using var lease = await pool.RentAsync(Disk("/b"), CancellationToken.None);
        var state = await StateAsync(lease);
        (state.Disk, state.Date).ShouldBe(("/b", "2026-12-08"), "the same session, on the new day and the new disk");
        pool.Started.ShouldBe(1);
        lease.Session.Transcript.Tail().ShouldContain("setdate to today on the previous disk was refused");
    }
}
