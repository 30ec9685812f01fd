using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Walks;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>A second count of the same dump walks nothing, yet amrecover still confirms the dump's root; a cache
/// that disagrees with amrecover fails, and a damaged one is ignored.</summary>
[Category("Integration")]
public sealed class WalkCacheIntegrationTests
{
    private string _directory = "";
    private SessionPool _pool = null!;
    private WalkCache _cache = null!;

    [SetUp]
    public void RequireAmanda()
    {
        RealAmanda.Require();
        _directory = Path.Combine(Path.GetTempPath(), "walk-cache-it-" + Guid.NewGuid().ToString("N"));
        _cache = new WalkCache(_directory);
        _pool = new SessionPool(new AmrecoverOptions()) { Walking = WalkSettings.Default with { Cache = _cache } };
    }

    [TearDown]
    public async Task CleanUpAsync()
    {
        if (_pool is not null) await _pool.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private async Task<(DiskInventory Inventory, long Commands)> CountAsync(string disk)
    {
        await using var lease = await _pool.RentAsync(new BackupTarget(RealAmanda.Config, RealAmanda.Host, disk), CancellationToken.None);
        var before = lease.Session.Transcript.Count;
        var inventory = await DiskCount.WalkAsync(lease, CancellationToken.None);
        return (inventory, lease.Session.Transcript.Count - before);
    }

    [Test]
    public async Task A_second_count_of_the_same_dump_walks_nothing()
    {
        var disk = RealAmanda.Disk("big");
        var (first, firstCommands) = await CountAsync(disk);
        var (second, secondCommands) = await CountAsync(disk);

        first.Note.Via.ShouldStartWith("index files");
        firstCommands.ShouldBeGreaterThan(50, "the first count lists a 50-directory sample");
        second.Note.Via.ShouldStartWith("the walk cache (counted ");
        second.Note.Via.ShouldContain("root listing confirmed by amrecover");
        secondCommands.ShouldBeLessThanOrEqualTo(3, "setdisk, ls of the root and history, nothing more");
        second.Summary.ShouldBe(first.Summary);
        second.Paths.SetEquals(first.Paths).ShouldBeTrue();
        second.Files.ToHashSet().SetEquals(first.Files).ShouldBeTrue();
    }

    [Test]
    public async Task Hostile_names_survive_the_cache()
    {
        var disk = RealAmanda.Disk("randomnames");
        var (first, _) = await CountAsync(disk);
        var (second, _) = await CountAsync(disk);
        second.Note.Via.ShouldStartWith("the walk cache");
        second.Paths.SetEquals(first.Paths).ShouldBeTrue();
        second.Files.ToHashSet().SetEquals(first.Files).ShouldBeTrue();
    }

    [Test]
    public async Task A_cached_root_that_amrecover_no_longer_shows_fails_as_a_changed_index()
    {
        var disk = RealAmanda.Disk("layered");
        var (first, _) = await CountAsync(disk);
        var target = new BackupTarget(RealAmanda.Config, RealAmanda.Host, disk);
        var dump = first.Summary.DumpDate!.Value;
        // The same dump's walk on the same sources, but with a root entry amrecover does not show.
        await _cache.WriteAsync(target, dump, [$"{dump} ghost-at-root.txt"], await SourcesAsync(target), first, CancellationToken.None);

        var error = await Should.ThrowAsync<ExpectationFailedException>(() => CountAsync(disk));

        error.Category.ShouldBe(FailureCategory.IndexDamaged);
        error.Message.ShouldContain("daily localhost:/srv/fixtures/layered");
        error.Message.ShouldContain("only then: " + dump + " ghost-at-root.txt");
        error.Message.ShouldContain("a dump never changes, so its index did");
    }

    private async Task<string> SourcesAsync(BackupTarget target)
    {
        await using var lease = await _pool.RentAsync(target, CancellationToken.None);
        return await DiskCount.SourcesAsync(lease, CancellationToken.None);
    }

    [Test]
    public async Task A_count_resting_on_other_dumps_or_index_files_is_not_used()
    {
        // As if the level 0 under the latest level 1 had expired, or an index file been rewritten since.
        var disk = RealAmanda.Disk("layered");
        var (first, _) = await CountAsync(disk);
        var target = new BackupTarget(RealAmanda.Config, RealAmanda.Host, disk);
        var sources = await SourcesAsync(target);
        sources.ShouldContain("/1 ", Case.Sensitive, "the latest dump of layered is a level 1 on a level 0");
        sources.ShouldContain("-unsorted.gz:");
        // Root left empty: were the cached file used at all, its root would not match and the step would fail.
        await _cache.WriteAsync(target, first.Summary.DumpDate!.Value, [], "an older chain", first, CancellationToken.None);

        var (second, _) = await CountAsync(disk);

        second.Note.Via.ShouldStartWith("index files");
        second.Note.Via.ShouldContain("cached count not used: the dump chain or its index files changed");
    }

    [Test]
    public async Task A_cache_that_cannot_be_written_leaves_the_count_standing()
    {
        // The cache directory's place is taken by a file: this machine's trouble, which must not fail the backup.
        await File.WriteAllTextAsync(_directory, "not a directory");
        try
        {
            var (counted, _) = await CountAsync(RealAmanda.Disk("layered"));
            counted.Summary.Files.ShouldBeGreaterThan(0);
            counted.Note.Via.ShouldStartWith("index files");
            counted.Note.Via.ShouldContain("count not cached (");
        }
        finally
        {
            File.Delete(_directory);
        }
    }

    [Test]
    public async Task A_damaged_cache_file_is_ignored_and_the_disk_counted_again()
    {
        var disk = RealAmanda.Disk("layered");
        var (first, _) = await CountAsync(disk);
        var path = _cache.PathFor(new BackupTarget(RealAmanda.Config, RealAmanda.Host, disk), first.Summary.DumpDate!.Value);
        var lines = await File.ReadAllLinesAsync(path);
        await File.WriteAllLinesAsync(path, lines.Where((_, i) => i != 9)); // one entry gone

        var (second, _) = await CountAsync(disk);

        second.Note.Via.ShouldStartWith("index files");
        second.Note.Via.ShouldContain($"cache file {path} ignored (its checksum does not match: damaged or cut short)");
        second.Summary.ShouldBe(first.Summary);
        var (third, _) = await CountAsync(disk);
        third.Note.Via.ShouldStartWith("the walk cache"); // the recount wrote a whole file again
    }
}
