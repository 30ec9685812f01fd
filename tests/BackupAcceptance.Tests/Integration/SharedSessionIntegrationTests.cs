using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// One real amrecover moved between the demo's disks with setdisk gives each disk's own answer, the hollow disks
/// included (the negative controls), and the estate check over shared parallel sessions says exactly what it says
/// over one session.
/// </summary>
[Category("Integration")]
public sealed class SharedSessionIntegrationTests
{
    [OneTimeSetUp]
    public void RequireAmanda() => RealAmanda.Require();

    private static BackupTarget Target(string fixture) => new(RealAmanda.Config, RealAmanda.Host, RealAmanda.Disk(fixture));

    [Test]
    public async Task One_session_checks_disk_after_disk_and_finds_each_hollow_one()
    {
        await using var pool = new SessionPool(new AmrecoverOptions()) { SessionsPerHost = 1 };
        async Task<FailureCategory?> AtLeastOneFileAsync(string fixture)
        {
            await using var lease = await pool.RentAsync(Target(fixture), CancellationToken.None);
            try
            {
                await FileCountCheck.RequireFilesAsync(lease, 1, CancellationToken.None);
                return null;
            }
            catch (ExpectationFailedException failure)
            {
                failure.Target.Disk.ShouldBe(RealAmanda.Disk(fixture), "the failure names the disk the lease was for, not the last one on the session");
                return failure.Category;
            }
        }

        (await AtLeastOneFileAsync("oddnames")).ShouldBeNull();
        (await AtLeastOneFileAsync("hollow")).ShouldBe(FailureCategory.HollowBackup);
        (await AtLeastOneFileAsync("tampered")).ShouldBeNull();
        (await AtLeastOneFileAsync("empty")).ShouldBe(FailureCategory.HollowBackup);
        (await AtLeastOneFileAsync("oddnames")).ShouldBeNull();
        pool.Started.ShouldBe(1, "one amrecover for every disk of the host");
    }

    [Test]
    public async Task A_disk_after_a_lease_that_viewed_an_older_dump_is_browsed_at_its_latest()
    {
        await using var pool = new SessionPool(new AmrecoverOptions()) { SessionsPerHost = 1 };
        await using (var layered = await pool.RentAsync(Target("layered"), CancellationToken.None))
        {
            var history = await layered.Session.HistoryAsync(CancellationToken.None);
            history.Count.ShouldBeGreaterThan(1, "the layered fixture keeps a level 0 and a level 1");
            await layered.ViewDumpAsync(history[^1].Date, CancellationToken.None);
        }
        await using var next = await pool.RentAsync(Target("tampered"), CancellationToken.None);
        var latest = (await next.Session.HistoryAsync(CancellationToken.None))[0];
        var root = await next.Session.ListAsync(CancellationToken.None);
        root.DumpDate.ShouldBe(latest.Date);
        pool.Started.ShouldBe(1);
    }

    [Test]
    public async Task The_estate_check_over_parallel_shared_sessions_says_what_it_says_over_one()
    {
        async Task<string> VerdictAsync(int sessionsPerHost)
        {
            await using var pool = new SessionPool(new AmrecoverOptions()) { SessionsPerHost = sessionsPerHost };
            var disks = EstateCheck.Without(await EstateCheck.DisksAsync(pool, RealAmanda.Config, CancellationToken.None, startHostSessions: true),
                [RealAmanda.Disk("big"), RealAmanda.Disk("randomnames")], RealAmanda.Config); // the slow walks: not what this proves
            try
            {
                var lines = await EstateCheck.RequireEveryDiskAsync(pool, disks, TimeSpan.FromDays(3650), 1, DateTime.Now, CancellationToken.None);
                return string.Join("\n", lines);
            }
            catch (ExpectationFailedException failure)
            {
                pool.Started.ShouldBeLessThanOrEqualTo(sessionsPerHost, "the sessions of one host: the lister is one of them");
                return $"{failure.Category}: {failure.Found}\n{failure.TranscriptTail}";
            }
        }

        var one = await VerdictAsync(1);
        var three = await VerdictAsync(3);
        three.ShouldBe(one);
        one.ShouldContain($"localhost:{RealAmanda.Disk("hollow")} (Hollow backup");
        one.ShouldContain($"localhost:{RealAmanda.Disk("empty")} (Hollow backup");
        one.ShouldContain($"BAD  localhost:{RealAmanda.Disk("notdumped")}");
    }

    [Test]
    public async Task The_batched_index_audit_says_what_each_disk_alone_says_and_leaves_the_damaged_ones_to_it()
    {
        // The disklist, not amrecover: nothing is browsed here, only the index files are read (stat, gzip -t).
        var disks = File.ReadLines($"/etc/amanda/{RealAmanda.Config}/disklist")
            .Where(l => l.StartsWith(RealAmanda.Host + " ", StringComparison.Ordinal))
            .Select(l => new BackupTarget(RealAmanda.Config, RealAmanda.Host, l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]))
            .ToList();
        var many = await new IndexAudit(new IndexRoots()).RunManyAsync(disks, CancellationToken.None);
        var refused = 0;
        foreach (var disk in disks)
        {
            string alone;
            try
            {
                alone = await new IndexAudit(new IndexRoots()).RunAsync(disk, CancellationToken.None);
            }
            catch (Exception failure) when (failure is AmandaReplyException or ExpectationFailedException)
            {
                many.ShouldNotContainKey(disk, $"{disk.Disk} is refused alone: {failure.Message}");
                refused++;
                continue;
            }
            many.ShouldContainKey(disk);
            many[disk].ShouldBe(alone);
        }
        refused.ShouldBeGreaterThan(0, "the demo's cut-short index is the negative control");
    }
}
