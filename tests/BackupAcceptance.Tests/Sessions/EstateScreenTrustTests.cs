using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Sessions;

/// <summary>
/// What the estate step does with a screen (<see cref="EstateScreen"/>) over the fake amrecover, whose every disk has
/// its newest dump at 2026-12-06 14:00:00 and a file at its root: it answers the unsampled good disks from the screen
/// only while amrecover agrees with every disk it was asked about; one disagreement either way (a good disk amrecover
/// finds bad, a bad one it finds good, another newest dump) sends every disk to amrecover.
/// </summary>
public sealed class EstateScreenTrustTests
{
    private static readonly DumpDate FakeLatest = DumpDate.Parse("2026-12-06-14-00-00");
    private static readonly DateTime Now = new(2026, 12, 7, 12, 0, 0);

    private static readonly IReadOnlyList<BackupTarget> Disks =
        [.. Enumerable.Range(1, 12).Select(i => new BackupTarget("fake-screen", "localhost", $"/d{i:00}"))];

    private static SessionPool NewPool() =>
        new(FakeAmrecover.Options("normal", "fake-amrecover-child-" + Guid.NewGuid().ToString("N")[..12], timeoutSeconds: 10))
        {
            SessionsPerHost = 2,
            Clock = () => Now,
            WaitLimit = TimeSpan.FromSeconds(20),
        };

    /// <summary>A screen that says of every disk what <paramref name="say"/> gives.</summary>
    private static EstateScreen.Reader Screen(Func<BackupTarget, (DumpDate Latest, int Files)> say) => (_, disks, _) =>
    {
        var screened = disks.ToDictionary(d => d, d =>
        {
            var (latest, files) = say(d);
            var dump = new DumpRecord(latest, 1, "fake", "fake-01", 1);
            return new ScreenedDisk(dump, [dump], files, 1, []);
        });
        return Task.FromResult<(IReadOnlyDictionary<BackupTarget, ScreenedDisk>?, string)>((screened, ""));
    };

    private static async Task<IReadOnlyList<string>> EstateAsync(EstateScreen.Reader screen, TimeSpan? maximumAge = null)
    {
        await using var pool = NewPool();
        try
        {
            return await EstateCheck.RequireEveryDiskAsync(pool, Disks, maximumAge ?? TimeSpan.FromDays(3650), 1, Now, CancellationToken.None, screen);
        }
        catch (ExpectationFailedException failure)
        {
            return failure.TranscriptTail.Split('\n');
        }
    }

    private static IEnumerable<string> FromScreen(IReadOnlyList<string> lines) => lines.Where(l => l.Contains("in the index files of"));

    [Test]
    public async Task A_screen_amrecover_agrees_with_answers_the_unsampled_good_disks()
    {
        var lines = await EstateAsync(Screen(_ => (FakeLatest, 3)));
        lines[0].ShouldStartWith("read from the server's catalogue (amadmin find) and index files: 12 disks of 12 screened, 12 good; amrecover checked 4 disks");
        lines.Count.ShouldBe(13);
        FromScreen(lines).Count().ShouldBe(8, "the square root of 12, rounded up, were sampled");
        lines.Skip(1).ShouldAllBe(l => l.StartsWith("ok   localhost:/d", StringComparison.Ordinal));
    }

    [Test]
    public async Task Another_newest_dump_on_a_sampled_disk_sends_every_disk_to_amrecover()
    {
        var lines = await EstateAsync(Screen(_ => (FakeLatest with { Value = FakeLatest.Value.AddSeconds(1) }, 3)));
        lines[0].ShouldStartWith("amrecover checked every disk: it disagreed with the server's catalogue and index files on localhost:/d");
        lines.Count.ShouldBe(13, "the unsampled disks too, through amrecover");
        FromScreen(lines).ShouldBeEmpty();
    }

    [Test]
    public async Task A_good_disk_amrecover_finds_stale_sends_every_disk_to_amrecover_and_fails()
    {
        // amrecover's newest dump is 22 hours old; the screen says one hour.
        var lines = await EstateAsync(Screen(_ => (new DumpDate(Now.AddHours(-1)), 3)), maximumAge: TimeSpan.FromHours(10));
        lines[0].ShouldStartWith("amrecover checked every disk: it disagreed");
        lines.Count(l => l.StartsWith("BAD  localhost:/d", StringComparison.Ordinal)).ShouldBe(12);
    }

    [Test]
    public async Task A_bad_disk_amrecover_finds_good_discredits_the_screen_too()
    {
        var lines = await EstateAsync(Screen(d => (FakeLatest, d.Disk == "/d05" ? 0 : 3)));
        lines[0].ShouldBe("amrecover checked every disk: it disagreed with the server's catalogue and index files on localhost:/d05, so the screen was not trusted");
        lines.Count.ShouldBe(13);
        FromScreen(lines).ShouldBeEmpty();
        lines.ShouldAllBe(l => !l.StartsWith("BAD", StringComparison.Ordinal), "amrecover's word is the verdict");
    }

    [Test]
    public async Task A_screen_that_fails_to_read_leaves_every_disk_to_amrecover()
    {
        var lines = await EstateAsync((_, _, _) => throw new IOException("an index directory vanished"));
        lines[0].ShouldBe("amrecover checked every disk (the server's files not read: reading them failed: IOException: an index directory vanished)");
        lines.Count.ShouldBe(13);
        FromScreen(lines).ShouldBeEmpty();
    }
}
