using BackupAcceptance.Core.Failures;
using System.Security.Cryptography;
using System.Text;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Walks;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Tests.Integration;

/// <summary>A second count of the same dump walks nothing, yet amrecover still lists the dump's root and a sample of
/// its directories as the cached paths say; a cache that disagrees with amrecover (edited by hand, checksum and all)
/// or a damaged one is ignored and the dump counted again.</summary>
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
        second.Note.Via.ShouldContain($"root and {CachedWalkConfirmation.SampleDirectories} sampled directories confirmed by amrecover, seed ");
        secondCommands.ShouldBeLessThanOrEqualTo(6 + 2 * CachedWalkConfirmation.SampleDirectories,
            "setdisk, ls of the root, history, then cd + ls of the sample and setdisk around it; no walk");
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
    public async Task A_cached_root_that_amrecover_does_not_show_is_ignored_and_the_disk_counted_again()
    {
        var disk = RealAmanda.Disk("layered");
        var (first, _) = await CountAsync(disk);
        var target = new BackupTarget(RealAmanda.Config, RealAmanda.Host, disk);
        var dump = first.Summary.DumpDate!.Value;
        // The same dump's walk on the same sources, but with a root entry amrecover does not show.
        await _cache.WriteAsync(target, dump, [$"{dump} ghost-at-root.txt"], await SourcesAsync(target), first, CancellationToken.None);

        var (second, _) = await CountAsync(disk);

        second.Note.Via.ShouldStartWith("index files");
        second.Note.Via.ShouldContain($"cache file {_cache.PathFor(target, dump)} ignored (amrecover lists the root's ");
        second.Summary.ShouldBe(first.Summary);
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

    // ---- a cache file edited by hand: the count it claims must be confirmed by amrecover beyond the root copy

    /// <summary>Rewrites the cache file as an attacker would: <paramref name="forge"/> adds entry lines (kind, parent
    /// number, name) given the existing ones; the counts and the checksum are made to add up, the root copy is left
    /// as amrecover shows it.</summary>
    private static async Task ForgeAsync(string path, Func<IReadOnlyList<string>, IEnumerable<(string Kind, int Parent, string Name)>> forge)
    {
        var lines = (await File.ReadAllLinesAsync(path)).ToList();
        lines.RemoveAt(lines.Count - 1); // the checksum
        var at = lines.FindIndex(l => l.StartsWith("entries ", StringComparison.Ordinal));
        var entries = lines.Skip(at + 1).ToList();
        var added = forge(entries).ToList();
        foreach (var (kind, parent, name) in added)
            lines.Add($"{kind} {parent} {Convert.ToBase64String(Encoding.Latin1.GetBytes(name))}");
        lines[at] = $"entries {entries.Count + added.Count}";
        var summary = lines[4].Split(' ');
        lines[4] = $"summary {int.Parse(summary[1]) + added.Count(a => a.Kind == "d")} {int.Parse(summary[2]) + added.Count(a => a.Kind == "f")} {summary[3]}";
        var body = string.Concat(lines.Select(l => l + "\n"));
        await File.WriteAllTextAsync(path, body + "sha256 " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))) + "\n");
    }

    private async Task<ExpectationFailedException> RequireFilesAsync(string disk, int minimum)
    {
        await using var lease = await _pool.RentAsync(new BackupTarget(RealAmanda.Config, RealAmanda.Host, disk), CancellationToken.None);
        return await Should.ThrowAsync<ExpectationFailedException>(() => FileCountCheck.RequireFilesAsync(lease, minimum, CancellationToken.None));
    }

    [Test]
    public async Task A_cache_file_with_names_added_below_the_root_is_ignored_and_the_disk_counted_again()
    {
        // The reported attack: 1,990 names added (at the root and in a new directory there), counts and checksum made
        // to add up, the cache's root copy left as amrecover shows it. "At least 1500 files" must still fail.
        var disk = RealAmanda.Disk("stale");
        var (first, _) = await CountAsync(disk);
        first.Summary.Files.ShouldBeLessThan(1500);
        var path = _cache.PathFor(new BackupTarget(RealAmanda.Config, RealAmanda.Host, disk), first.Summary.DumpDate!.Value);
        await ForgeAsync(path, entries =>
        {
            var forgedDirectory = entries.Count + 995 + 1; // the number the new directory gets, after 995 new files
            return Enumerable.Range(0, 995).Select(i => ("f", 0, $"forged-{i:D4}.txt"))
                .Append(("d", 0, "forged"))
                .Concat(Enumerable.Range(0, 995).Select(i => ("f", forgedDirectory, $"inner-{i:D4}.txt")));
        });
        var (forged, _) = await _cache.TryReadAsync(new BackupTarget(RealAmanda.Config, RealAmanda.Host, disk), first.Summary.DumpDate!.Value, CancellationToken.None);
        forged.ShouldNotBeNull("the forged file reads as a whole, valid cache file");
        forged.Files.ShouldBe(first.Summary.Files + 1990);

        var error = await RequireFilesAsync(disk, 1500);

        error.Category.ShouldBe(FailureCategory.TooFewFiles);
        error.Message.ShouldContain($"{first.Summary.Files} files");
        var note = _pool.Walks.Last();
        note.Via.ShouldStartWith("index files");
        note.Via.ShouldContain($"cache file {path} ignored (amrecover lists / differently than the cached paths say", customMessage: note.Via);
    }

    [Test]
    public async Task A_cache_file_with_names_added_in_a_subdirectory_only_is_ignored()
    {
        // The root is untouched, so only a directory below it can tell: layered's few directories are all sampled.
        var disk = RealAmanda.Disk("layered");
        var (first, _) = await CountAsync(disk);
        var path = _cache.PathFor(new BackupTarget(RealAmanda.Config, RealAmanda.Host, disk), first.Summary.DumpDate!.Value);
        await ForgeAsync(path, entries =>
        {
            var directory = entries.ToList().FindIndex(l => l.StartsWith("d 0 ", StringComparison.Ordinal)) + 1;
            directory.ShouldBeGreaterThan(0, "layered has a directory at its root");
            return Enumerable.Range(0, 1500).Select(i => ("f", directory, $"forged-{i:D4}.txt"));
        });

        first.Summary.Files.ShouldBeLessThan(1500);
        var error = await RequireFilesAsync(disk, 1500); // above 1,000: the whole count, where the cache is read

        error.Category.ShouldBe(FailureCategory.TooFewFiles);
        _pool.Walks.Last().Via.ShouldContain($"cache file {path} ignored (amrecover lists /");
    }
}
