using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using NUnit.Framework;
using Shouldly;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Tests.Walks;

public sealed class WalkCacheTests
{
    private string _directory = "";
    private WalkCache _cache = null!;

    private static readonly BackupTarget Target = new("ba-daily", "localhost", "/srv/x");
    private static readonly DumpDate Dump = DumpDate.Parse("2026-12-01-10-00-00");

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "walk-cache-" + Guid.NewGuid().ToString("N"));
        _cache = new WalkCache(_directory);
    }

    [TearDown]
    public void RemoveDirectory()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static DiskInventory Inventory()
    {
        // Names no line-based format survives unescaped: a newline, a space, a byte that is not UTF-8.
        var directory = RawPath.Root.Append(new RawName("dir\nwith newline"));
        var files = new[] { RawPath.Root.Append(new RawName("top file")), directory.Append(new RawName("caf\u00e9\u00ff")) };
        var paths = new HashSet<RawPath>(files) { directory };
        return new DiskInventory(new WalkSummary(1, 2, Dump, true), paths, files,
            new WalkNote(Target, new WalkSummary(1, 2, Dump, true), "index files (level 0 of 2026-12-01-10-00-00) + 2-dir amrecover sample", TimeSpan.FromSeconds(1)));
    }

    private static readonly string[] Root = ["2026-12-01-10-00-00 dir\\nwith newline/", "2026-12-01-10-00-00 top file"];

    [Test]
    public async Task A_walk_round_trips_exactly()
    {
        var inventory = Inventory();
        await _cache.WriteAsync(Target, Dump, Root, "2026-12-01-10-00-00/0 f.gz:10:1", inventory, CancellationToken.None);
        var (walk, ignored) = await _cache.TryReadAsync(Target, Dump, CancellationToken.None);
        ignored.ShouldBeEmpty();
        walk.ShouldNotBeNull();
        walk.RootKeys.ShouldBe(Root);
        (walk.Directories, walk.Files, walk.Unreachable).ShouldBe((1, 2, 0));
        walk.Paths.SetEquals(inventory.Paths).ShouldBeTrue();
        walk.FileList.ToHashSet().SetEquals(inventory.Files).ShouldBeTrue();
        walk.Via.ShouldBe(inventory.Note.Via);
        walk.Sources.ShouldBe("2026-12-01-10-00-00/0 f.gz:10:1");
    }

    [Test]
    public async Task No_file_is_a_quiet_miss() =>
        (await _cache.TryReadAsync(Target, Dump, CancellationToken.None)).ShouldBe((null, ""));

    [Test]
    public async Task Another_dump_or_disk_misses()
    {
        await _cache.WriteAsync(Target, Dump, Root, "2026-12-01-10-00-00/0 f.gz:10:1", Inventory(), CancellationToken.None);
        (await _cache.TryReadAsync(Target, DumpDate.Parse("2026-12-01-10-00-01"), CancellationToken.None)).Walk.ShouldBeNull();
        (await _cache.TryReadAsync(new BackupTarget("ba-daily", "localhost", "/srv/y"), Dump, CancellationToken.None)).Walk.ShouldBeNull();
    }

    [Test]
    public async Task A_damaged_file_is_ignored_with_the_reason()
    {
        await _cache.WriteAsync(Target, Dump, Root, "2026-12-01-10-00-00/0 f.gz:10:1", Inventory(), CancellationToken.None);
        var path = _cache.PathFor(Target, Dump);
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.Replace("summary 1 2 0", "summary 1 3 0"));
        var (walk, ignored) = await _cache.TryReadAsync(Target, Dump, CancellationToken.None);
        walk.ShouldBeNull();
        ignored.ShouldContain(path);
        ignored.ShouldContain("checksum does not match");
    }

    [Test]
    public async Task A_cut_short_file_is_ignored()
    {
        await _cache.WriteAsync(Target, Dump, Root, "2026-12-01-10-00-00/0 f.gz:10:1", Inventory(), CancellationToken.None);
        var path = _cache.PathFor(Target, Dump);
        var lines = await File.ReadAllLinesAsync(path);
        await File.WriteAllLinesAsync(path, lines[..^2]);
        (await _cache.TryReadAsync(Target, Dump, CancellationToken.None)).Ignored.ShouldContain("ignored");
    }

    [Test]
    public async Task A_foreign_file_under_this_name_is_ignored()
    {
        // Another disk's walk copied over this disk's file: whole and checksummed, but not this key.
        var other = new BackupTarget("ba-daily", "localhost", "/srv/other");
        await _cache.WriteAsync(other, Dump, Root, "2026-12-01-10-00-00/0 f.gz:10:1", Inventory(), CancellationToken.None);
        Directory.CreateDirectory(_directory);
        File.Copy(_cache.PathFor(other, Dump), _cache.PathFor(Target, Dump));
        var (walk, ignored) = await _cache.TryReadAsync(Target, Dump, CancellationToken.None);
        walk.ShouldBeNull();
        ignored.ShouldContain("belongs to another disk or dump");
    }

    [Test]
    public async Task A_file_others_may_write_is_ignored()
    {
        await _cache.WriteAsync(Target, Dump, Root, "2026-12-01-10-00-00/0 f.gz:10:1", Inventory(), CancellationToken.None);
        var path = _cache.PathFor(Target, Dump);
        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.OtherWrite);
        var (walk, ignored) = await _cache.TryReadAsync(Target, Dump, CancellationToken.None);
        walk.ShouldBeNull();
        ignored.ShouldContain("writable by others");
    }

    [Test]
    public async Task The_cache_directory_is_private()
    {
        await _cache.WriteAsync(Target, Dump, Root, "2026-12-01-10-00-00/0 f.gz:10:1", Inventory(), CancellationToken.None);
        (File.GetUnixFileMode(_directory) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.OtherRead)).ShouldBe(UnixFileMode.None);
    }

    [Test]
    public async Task Something_else_entirely_is_ignored()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(_cache.PathFor(Target, Dump), "hello\n");
        (await _cache.TryReadAsync(Target, Dump, CancellationToken.None)).Ignored.ShouldContain("not a walk cache file");
    }

    [Test]
    public void It_lives_in_xdg_cache_home() =>
        WalkCache.ForUser(name => name == "XDG_CACHE_HOME" ? "/var/cache/x" : null).Directory.ShouldBe("/var/cache/x/backup-acceptance");

    [Test]
    public void Without_xdg_it_lives_in_home() =>
        WalkCache.ForUser(name => name == "HOME" ? "/home/op" : null).Directory.ShouldBe("/home/op/.cache/backup-acceptance");
}
