using System.Globalization;
using System.Text;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Tests.Support;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Shouldly;
using BackupAcceptance.Expectations.Live;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// The live side as the backup takes it: excludes applied by GNU tar itself, a rewrite with its old mtime put back
/// caught by the ctime, hostile names read byte for byte (the same set of files as the dump's index), and on
/// ba-nightly the excluded DLE and the DLE whose device is not its name.
/// </summary>
[Category("Integration")]
public sealed class LiveTreeIntegrationTests
{
    private const string Nightly = "ba-nightly";
    private DirectoryInfo _scratch = null!;
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

    [SetUp]
    public void MakeScratch() => _scratch = Directory.CreateTempSubdirectory("ba-live-test-");

    [TearDown]
    public void RemoveScratch() => _scratch.Delete(recursive: true);

    private static DiskListEntry Entry(string device, DiskListRules? exclude = null, DiskListRules? include = null) =>
        new(RealAmanda.Host, device, device, "GNUTAR", null, exclude ?? DiskListRules.None, include ?? DiskListRules.None,
            "test", new Dictionary<string, string>());

    private static BackupTarget Local(string disk) => new("scratch", RealAmanda.Host, disk);

    private void Write(string relative, string text = "x")
    {
        var path = Path.Combine(_scratch.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static IEnumerable<string> Paths(IEnumerable<LiveEntry> entries) => entries.Select(e => e.Path.ToString()).Order(StringComparer.Ordinal);

    [Test]
    public async Task An_excluded_directory_is_left_out_and_listed_as_excluded()
    {
        Write("keep.txt");
        Write("sub/cache/inner.txt"); // tar matches "./cache" against "./sub/cache" as a whole: kept
        Write("cache/a.tmp");
        Write("cache/deeper/b.tmp");
        Write("cachet.txt");

        var tree = await LiveTree.ReadAsync(Local(_scratch.FullName), Entry(_scratch.FullName, new DiskListRules(["./cache"], [], false)),
            CancellationToken.None);

        tree.Problems.ShouldBeEmpty();
        Paths(tree.Files).ShouldBe(["/cachet.txt", "/keep.txt", "/sub/cache/inner.txt"]);
        Paths(tree.Excluded).ShouldBe(["/cache/a.tmp", "/cache/deeper/b.tmp"]);
        tree.ExcludedDirectories.Select(d => d.ToString()).Order(StringComparer.Ordinal).ShouldBe(["/cache", "/cache/deeper"]);
        tree.Directories.Select(d => d.Path.ToString()).Order(StringComparer.Ordinal).ShouldBe(["/sub", "/sub/cache"]);
        tree.Notes.ShouldContain(note => note.Contains("--exclude-from", StringComparison.Ordinal));
    }

    [Test]
    public async Task An_exclude_list_relative_to_the_device_and_an_include_glob_select_as_Amanda_does()
    {
        Write("a1.txt");
        Write("a2.log");
        Write("b.txt");
        Write(".a-hidden"); // glob(3) without flags: "a*" never matches a leading dot
        Write("lists/excl", "*.log\n\n");

        var tree = await LiveTree.ReadAsync(Local(_scratch.FullName), Entry(_scratch.FullName,
            exclude: new DiskListRules([], ["lists/excl", "missing-list"], Optional: true),
            include: new DiskListRules(["./a*"], [], false)), CancellationToken.None);

        tree.Problems.ShouldBeEmpty();
        Paths(tree.Files).ShouldBe(["/a1.txt"]);
        Paths(tree.Excluded).ShouldBe(["/.a-hidden", "/a2.log", "/b.txt", "/lists/excl"]);
        tree.Notes.ShouldContain(note => note.Contains("missing-list", StringComparison.Ordinal) && note.Contains("dumps without it", StringComparison.Ordinal));
    }

    [Test]
    public async Task An_include_glob_in_a_device_whose_name_is_a_pattern_matches_only_below_it()
    {
        Write("dev[1]*/a.txt");
        Write("dev[1]*/b.txt");
        Write("dev1x/a.txt"); // what "dev[1]*" would match if the device were a pattern
        var device = Path.Combine(_scratch.FullName, "dev[1]*");

        var tree = await LiveTree.ReadAsync(Local(device), Entry(device, include: new DiskListRules(["./a*"], [], false)), CancellationToken.None);

        tree.Problems.ShouldBeEmpty();
        Paths(tree.Files).ShouldBe(["/a.txt"]);
        Paths(tree.Excluded).ShouldBe(["/b.txt"]);
    }

    [Test]
    public async Task A_rewrite_with_its_old_mtime_put_back_has_changed_since_the_dump()
    {
        Write("data.bin", "before");
        await Cli.Wrap("touch").WithArguments(["-d", "2024-01-02 03:04:05", "--", Path.Combine(_scratch.FullName, "data.bin")]).ExecuteAsync();
        // The dump: after the file was last written (its mtime), before the rewrite below.
        var dumpedAt = DateTime.Now.AddSeconds(-30);
        Write("data.bin", "after, same size? no: different content");
        await Cli.Wrap("touch").WithArguments(["-d", "2024-01-02 03:04:05", "--", Path.Combine(_scratch.FullName, "data.bin")]).ExecuteAsync();

        var tree = await LiveTree.ReadAsync(Local(_scratch.FullName), Entry(_scratch.FullName), CancellationToken.None);

        var file = tree.Files.ShouldHaveSingleItem();
        file.IsRegularFile.ShouldBeTrue();
        file.ModifiedUtc.ShouldBe(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Local).ToUniversalTime());
        LiveChanges.Of(file, new DumpDate(TruncateToSecond(dumpedAt))).ShouldBe(LiveChange.ChangedSinceDump);
        // The same file against a dump after the rewrite: both times before it, so it is compared.
        LiveChanges.Of(file, new DumpDate(TruncateToSecond(DateTime.Now.AddSeconds(5)))).ShouldBe(LiveChange.Comparable);
    }

    [Test]
    public async Task Hostile_names_give_the_same_files_as_the_dumps_index()
    {
        const string disk = "/srv/fixtures/oddnames";
        var (entry, reason) = await DiskListEntries.ReadAsync(RealAmanda.Config, RealAmanda.Host, disk, CancellationToken.None);
        entry.ShouldNotBeNull(reason);

        var tree = await LiveTree.ReadAsync(new BackupTarget(RealAmanda.Config, RealAmanda.Host, disk), entry, CancellationToken.None);
        var backup = await BackupFilesAsync(new BackupTarget(RealAmanda.Config, RealAmanda.Host, disk));

        tree.Problems.ShouldBeEmpty();
        tree.Excluded.ShouldBeEmpty();
        Describe(tree.Files.Select(f => f.Path)).ShouldBe(Describe(backup));
        tree.Files.Count.ShouldBeGreaterThan(20);
    }

    [Test]
    public async Task An_unknown_disk_is_no_entry_with_the_reason()
    {
        var (entry, reason) = await DiskListEntries.ReadAsync(RealAmanda.Config, RealAmanda.Host, "/srv/fixtures/no-such-disk", CancellationToken.None);
        entry.ShouldBeNull();
        reason.ShouldContain("no entry localhost /srv/fixtures/no-such-disk");
        // A pattern is not a match: /srv/fixtures alone names no DLE.
        (await DiskListEntries.ReadAsync(RealAmanda.Config, RealAmanda.Host, "/srv/fixtures", CancellationToken.None)).Entry.ShouldBeNull();
    }

    [Test]
    public async Task Nightly_excluded_disk_holds_what_its_backup_holds_and_lists_the_cache_as_excluded()
    {
        const string disk = "/srv/fixtures/nightly/excluded";
        var entry = await NightlyEntryAsync(disk);
        entry.Exclude.Files.ShouldBe(["./cache"]);

        var target = new BackupTarget(Nightly, RealAmanda.Host, disk);
        var tree = await LiveTree.ReadAsync(target, entry, CancellationToken.None);
        var backup = await BackupFilesAsync(target);

        tree.Problems.ShouldBeEmpty();
        Describe(tree.Files.Select(f => f.Path)).ShouldBe(Describe(backup));
        var cache = Directory.GetFiles(Path.Combine(disk, "cache")).Select(f => "/cache/" + Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        cache.Count.ShouldBeGreaterThanOrEqualTo(20);
        Paths(tree.Excluded).ShouldBe(cache);
        TestContext.Out.WriteLine($"{target}: {tree.Files.Count} file(s) compared, {tree.Excluded.Count} excluded");
    }

    [Test]
    public async Task Nightly_disk_named_apart_from_its_device_is_read_at_the_device()
    {
        const string disk = "/srv/fixtures/nightly/x-name";
        var entry = await NightlyEntryAsync(disk);
        entry.Device.ShouldBe("/srv/fixtures/nightly/x-real");

        var target = new BackupTarget(Nightly, RealAmanda.Host, disk);
        var tree = await LiveTree.ReadAsync(target, entry, CancellationToken.None);
        var backup = await BackupFilesAsync(target);

        tree.Problems.ShouldBeEmpty();
        tree.Files.ShouldNotBeEmpty();
        Describe(tree.Files.Select(f => f.Path)).ShouldBe(Describe(backup));
    }

    private static async Task<DiskListEntry> NightlyEntryAsync(string disk)
    {
        if (!File.Exists($"/etc/amanda/{Nightly}/disklist")) Assert.Ignore($"{Nightly} is not provisioned on this machine");
        var (entry, reason) = await DiskListEntries.ReadAsync(Nightly, RealAmanda.Host, disk, CancellationToken.None);
        if (entry is null) Assert.Ignore($"{Nightly} has no {disk}: {reason}");
        return entry;
    }

    // The suite's own way to a dump's whole tree (index files, or amrecover): its non-directories.
    private async Task<IReadOnlyList<RawPath>> BackupFilesAsync(BackupTarget target)
    {
        await using var lease = await _pool.RentAsync(target, CancellationToken.None);
        var inventory = await DiskCount.WalkAsync(lease, CancellationToken.None);
        TestContext.Out.WriteLine($"{target}: {inventory.Note}");
        return inventory.Files;
    }

    // Raw bytes, hex-free but exact: Latin-1 components, so two names differing in one byte stay two.
    private static IEnumerable<string> Describe(IEnumerable<RawPath> paths) =>
        paths.Select(p => string.Join("/", p.Components.Select(c => c.Latin1))).Order(StringComparer.Ordinal);

    private static DateTime TruncateToSecond(DateTime local) =>
        new(local.Ticks - local.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
}
