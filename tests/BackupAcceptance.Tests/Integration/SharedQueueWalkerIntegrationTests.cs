using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>The several-session walker sees exactly what the one-session depth-first walker sees, hostile names
/// included, and a session that cannot be had fails the walk instead of shrinking it.</summary>
[Category("Integration")]
public sealed class SharedQueueWalkerIntegrationTests : RealAmandaSessionFixture
{
    private Task<AmrecoverSession> StartAsync(CancellationToken cancellationToken) =>
        AmrecoverSession.StartAsync(Options, RealAmanda.Config, RealAmanda.Host, cancellationToken);

    private async Task<(List<WalkedEntry> Entries, SharedQueueWalker Walker)> WalkAsync(string disk, WalkOptions options)
    {
        var walker = new SharedQueueWalker(Session, disk, StartAsync, options);
        var entries = new List<WalkedEntry>();
        await foreach (var entry in walker.WalkAsync(CancellationToken.None)) entries.Add(entry);
        return (entries, walker);
    }

    [Test]
    [Category("Slow")] // walks 2,000 directories through amrecover alone: CI runs it (./run.sh test --all)
    public async Task Three_sessions_count_the_big_disk_exactly()
    {
        var live = FoundTree.Read(RealAmanda.Disk("big"));
        var (entries, walker) = await WalkAsync(RealAmanda.Disk("big"), new WalkOptions(Sessions: 3));

        // 2,000 directories: three sessions at once, each replaced after 600 directories, so at least four in all.
        walker.Sessions.ShouldBeGreaterThanOrEqualTo(4, "a queue of 2,000 directories is deep enough for every session, and they are recycled");
        entries.Count(e => !e.IsDirectory).ShouldBe(live.Files.Count);
        entries.Count(e => e.IsDirectory).ShouldBe(live.Directories.Count);
        entries.Select(e => e.Path).Distinct().Count().ShouldBe(entries.Count, "no directory may be listed twice");
    }

    [TestCase("oddnames")]
    [TestCase("randomnames")]
    public async Task Hostile_names_are_walked_exactly_as_the_depth_first_walker_walks_them(string fixture)
    {
        var disk = RealAmanda.Disk(fixture);
        await Session.SetDiskAsync(disk, CancellationToken.None);
        var depthFirst = new DiskWalker(Session, disk);
        var expected = new List<WalkedEntry>();
        await foreach (var entry in depthFirst.WalkAsync(CancellationToken.None)) expected.Add(entry);

        // A queue depth of 1 brings in the extra sessions at once, so hostile names meet fresh sessions too.
        var (entries, walker) = await WalkAsync(disk, new WalkOptions(Sessions: 3, QueueDepthForAnotherSession: 1, RecycleAfterDirectories: 5));

        entries.Select(Describe).Order().ShouldBe(expected.Select(Describe).Order());
        walker.Unreachable.Select(u => u.Path.ToString()).Order().ShouldBe(depthFirst.Unreachable.Select(u => u.Path.ToString()).Order());
        walker.Sessions.ShouldBeGreaterThan(2, "recycling after 5 directories starts fresh sessions");
    }

    [Test]
    public async Task Stopping_early_leaves_the_first_session_usable_at_the_disk_s_own_mount_point()
    {
        var disk = RealAmanda.Disk("big");
        var walker = new SharedQueueWalker(Session, disk, StartAsync, new WalkOptions(Sessions: 3, QueueDepthForAnotherSession: 1));
        await foreach (var entry in walker.WalkAsync(CancellationToken.None))
            if (!entry.IsDirectory) break;

        Session.IsUsable.ShouldBeTrue();
        (await Session.PrintWorkingDirectoryAsync(CancellationToken.None)).ShouldBe(disk);
        (await Session.ListAsync(CancellationToken.None)).Directories.ShouldNotBeEmpty();
    }

    [Test]
    public async Task A_session_that_cannot_be_started_fails_the_walk_instead_of_shrinking_it()
    {
        var walker = new SharedQueueWalker(Session, RealAmanda.Disk("big"),
            _ => throw new AmrecoverStartException("no more amrecover for this test", ""), new WalkOptions(Sessions: 2, QueueDepthForAnotherSession: 1));
        var walked = 0;
        var failure = await Should.ThrowAsync<AmrecoverStartException>(async () =>
        {
            await foreach (var _ in walker.WalkAsync(CancellationToken.None)) walked++;
        });
        failure.Message.ShouldContain("no more amrecover");
        walked.ShouldBeLessThan(22_000);
    }

    [Test]
    public async Task A_directory_gone_from_the_index_fails_the_walk()
    {
        // The walker's own absolute cd, pointed at a path no dump holds: a refusal, never an empty directory.
        await Session.SetDiskAsync(RealAmanda.Disk("big"), CancellationToken.None, mountPoint: "/");
        var refused = await Should.ThrowAsync<AmandaReplyException>(() => Session.ChangeDirectoryToAsync("/t00/no-such-dir", CancellationToken.None));
        refused.Kind.ShouldBe(AmandaErrorKind.InvalidDirectory);
        await Session.SetDiskAsync(RealAmanda.Disk("big"), CancellationToken.None);
    }

    [Test]
    public async Task Pipelined_listings_equal_listings_made_one_round_trip_at_a_time()
    {
        await Session.SetDiskAsync(RealAmanda.Disk("big"), CancellationToken.None, mountPoint: "/");
        string[] paths = ["/t00", "/t03/s07", "/t19/s55", "/t00"];
        var oneByOne = new List<string>();
        foreach (var path in paths)
        {
            await Session.ChangeDirectoryToAsync(path, CancellationToken.None);
            oneByOne.Add(string.Join("|", (await Session.ListAsync(CancellationToken.None)).Entries.Select(e => $"{e.DumpDate} {e.IndexName}")));
        }
        var before = Session.Transcript.Count;
        var pipelined = await Session.ListAllAsync(paths, CancellationToken.None);
        pipelined.Select(l => string.Join("|", l.Entries.Select(e => $"{e.DumpDate} {e.IndexName}"))).ShouldBe(oneByOne);
        (Session.Transcript.Count - before).ShouldBe(2 * paths.Length);
        (await Session.PrintWorkingDirectoryAsync(CancellationToken.None)).ShouldBe("/t00");
        await Session.SetDiskAsync(RealAmanda.Disk("big"), CancellationToken.None);
    }

    [Test]
    public async Task A_refused_directory_in_a_pipelined_batch_fails_it_and_the_session_stays_in_step()
    {
        await Session.SetDiskAsync(RealAmanda.Disk("big"), CancellationToken.None, mountPoint: "/");
        var refused = await Should.ThrowAsync<AmandaReplyException>(() => Session.ListAllAsync(["/t00", "/t00/no-such-dir", "/t01"], CancellationToken.None));
        refused.Kind.ShouldBe(AmandaErrorKind.InvalidDirectory);
        refused.Message.ShouldContain("no-such-dir");
        // Every reply of the batch was read: the next command gets its own.
        (await Session.PrintWorkingDirectoryAsync(CancellationToken.None)).ShouldBe("/t01");
        Should.Throw<ArgumentException>(() => Session.ListAllAsync(["/t00/../t01"], CancellationToken.None));
        await Session.SetDiskAsync(RealAmanda.Disk("big"), CancellationToken.None);
    }

    private static string Describe(WalkedEntry entry) => $"{entry}|{entry.Entry.IndexName}|{entry.Entry.DumpDate}";

    [Test]
    public async Task Fresh_sessions_are_pinned_to_the_dump_the_first_one_shows()
    {
        // The first session views layered's oldest dump; the factory starts sessions at "latest", as a session started
        // after a newer dump finished would be. The walker must set them to the first one's dump, to the second.
        // Every fresh session is recorded and checked itself: how many there are depends on timing (the walk of six
        // directories may end before a third is asked for), but there is always one (the first session asks for its
        // replacement after its first directory, or the extra sessions did the work), and a replacement the walk ended
        // before needing is discarded without its failure reaching the walk, so its pin is checked here.
        var disk = RealAmanda.Disk("layered");
        await Session.SetDiskAsync(disk, CancellationToken.None);
        var history = await Session.HistoryAsync(CancellationToken.None);
        var oldest = history.MinBy(d => d.Date.Value)!;
        history.ShouldContain(d => d.Date.Value > oldest.Date.Value, "layered needs a dump newer than its oldest, for a pin to matter");
        await Session.SetDateAsync(oldest.Date, CancellationToken.None);
        try
        {
            await Session.SetDiskAsync(disk, CancellationToken.None);
            var depthFirst = new DiskWalker(Session, disk);
            var expected = new List<WalkedEntry>();
            await foreach (var entry in depthFirst.WalkAsync(CancellationToken.None)) expected.Add(entry);

            var fresh = new System.Collections.Concurrent.ConcurrentQueue<AmrecoverSession>();
            async Task<AmrecoverSession> StartRecordedAsync(CancellationToken cancellationToken)
            {
                var session = await StartAsync(cancellationToken);
                fresh.Enqueue(session);
                return session;
            }
            var walker = new SharedQueueWalker(Session, disk, StartRecordedAsync,
                new WalkOptions(Sessions: 3, QueueDepthForAnotherSession: 1, RecycleAfterDirectories: 1));
            var entries = new List<WalkedEntry>();
            await foreach (var entry in walker.WalkAsync(CancellationToken.None)) entries.Add(entry);

            fresh.ShouldNotBeEmpty("a fresh session is always started");
            walker.Sessions.ShouldBe(1 + fresh.Count);
            foreach (var session in fresh)
            {
                var commands = session.Transcript.Entries.Where(e => e.Command is not null).ToList();
                commands.Select(e => e.Command).ShouldContain($"setdate {oldest.Date}", "pinned to the first session's dump, to the second");
                var root = commands.First(e => e.Command == "ls");
                root.Output.Split('\n').Select(l => l.TrimEnd('\r')).ShouldContain($"{oldest.Date} .", "its root shows the first session's dump");
            }
            entries.Select(Describe).Order().ShouldBe(expected.Select(Describe).Order());
            entries.ShouldAllBe(e => e.Entry.DumpDate.Value <= oldest.Date.Value);
        }
        finally
        {
            await Session.SetDateAsync(new Amanda.Listing.DumpDate(DateTime.Now.AddYears(10)), CancellationToken.None);
        }
    }
}
