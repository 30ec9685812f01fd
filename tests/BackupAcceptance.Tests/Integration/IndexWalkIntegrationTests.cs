using BackupAcceptance.Core.Failures;
using System.IO.Compression;
using System.Text;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Listing;
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

/// <summary>
/// A count from the index files is the count amrecover gives, on every kind of fixture and on every dump of a chain
/// of incrementals; and an index that says something amrecover does not show fails instead of counting.
/// </summary>
[Category("Integration")]
public sealed class IndexWalkIntegrationTests
{
    private SessionPool _pool = null!;
    private SessionPool _amrecoverOnly = null!;

    [OneTimeSetUp]
    public void RequireAmanda()
    {
        RealAmanda.Require();
        _pool = new SessionPool(new AmrecoverOptions());
        _amrecoverOnly = new SessionPool(new AmrecoverOptions())
        {
            Walking = WalkSettings.Default with { IndexFiles = IndexFilesMode.Off },
        };
    }

    [OneTimeTearDown]
    public async Task DisposePoolsAsync()
    {
        if (_pool is not null) await _pool.DisposeAsync();
        if (_amrecoverOnly is not null) await _amrecoverOnly.DisposeAsync();
    }

    private static BackupTarget Target(string disk) => new(RealAmanda.Config, RealAmanda.Host, disk);

    private static async Task<DiskInventory> CountAsync(SessionPool pool, string disk, DumpDate? date = null)
    {
        await using var lease = await pool.RentAsync(Target(disk), CancellationToken.None);
        if (date is not null) await lease.ViewDumpAsync(date, CancellationToken.None);
        return await DiskCount.WalkAsync(lease, CancellationToken.None, date);
    }

    private static IEnumerable<string> Describe(DiskInventory inventory) =>
        inventory.Paths.Select(p => (inventory.Files.Contains(p) ? "f " : "d ") + p).Order(StringComparer.Ordinal);

    [TestCase("/etc")]
    [TestCase("/srv/fixtures/oddnames")]
    [TestCase("/srv/fixtures/randomnames")]
    [TestCase("/srv/fixtures/layered")]
    [TestCase("/srv/fixtures/shrinking")]
    [TestCase("/srv/fixtures/hollow")]
    [TestCase("/srv/fixtures/empty")]
    public async Task The_index_files_count_what_amrecover_walks(string disk)
    {
        var fromIndex = await CountAsync(_pool, disk);
        var walked = await CountAsync(_amrecoverOnly, disk);

        fromIndex.Note.Via.ShouldStartWith("index files (level ");
        walked.Note.Via.ShouldStartWith("amrecover (");
        walked.Note.Via.ShouldContain("BACKUP_ACCEPTANCE_INDEX_FILES=off");
        fromIndex.Summary.DumpDate.ShouldBe(walked.Summary.DumpDate);
        if (walked.Summary.Unreachable == 0)
        {
            Describe(fromIndex).ShouldBe(Describe(walked));
            return;
        }
        // Directories amrecover 3.5.1 cannot enter (GlobHostilePaths): their contents only the index files show, and
        // the fixture (unchanged since its dump) says the index files are right.
        Describe(walked).Except(Describe(fromIndex)).ShouldBeEmpty();
        var live = await FoundTree.CountAsync(disk);
        fromIndex.Summary.Files.ShouldBe(live.Files);
        fromIndex.Summary.Directories.ShouldBe(live.Directories);
        walked.Summary.Files.ShouldBeLessThan(live.Files);
    }

    [Test]
    public async Task The_big_disk_is_counted_from_its_index_exactly()
    {
        var live = FoundTree.Read(RealAmanda.Disk("big"));
        var inventory = await CountAsync(_pool, RealAmanda.Disk("big"));
        inventory.Summary.Files.ShouldBe(live.Files.Count);
        inventory.Summary.Directories.ShouldBe(live.Directories.Count);
        inventory.Note.Via.ShouldContain("+ 50-dir amrecover sample");
    }

    [Test]
    public async Task Every_dump_of_a_chain_of_incrementals_counts_as_amrecover_merges_it()
    {
        var disk = RealAmanda.Disk("layered");
        IReadOnlyList<DumpRecord> history;
        await using (var lease = await _pool.RentAsync(Target(disk), CancellationToken.None))
        {
            await lease.Session.SetDiskAsync(disk, CancellationToken.None);
            history = await lease.Session.HistoryAsync(CancellationToken.None);
        }
        history.Select(d => d.Level).ShouldContain(1, "the fixture must have level 1 dumps (provision/amanda-demo.sh, layered)");
        history.Select(d => d.Level).ShouldContain(0);

        foreach (var dump in history)
        {
            var fromIndex = await CountAsync(_pool, disk, dump.Date);
            var walked = await CountAsync(_amrecoverOnly, disk, dump.Date);
            fromIndex.Note.Via.ShouldStartWith(dump.Level == 0 ? "index files (level 0 of" : $"index files (level {dump.Level} of {dump.Date} + ");
            Describe(fromIndex).ShouldBe(Describe(walked), $"the dump of {dump.Date}, level {dump.Level}");
        }
    }

    [Test]
    public async Task A_damaged_index_file_is_an_index_failure_not_a_count()
    {
        var error = await Should.ThrowAsync<ExpectationFailedException>(() => CountAsync(_pool, RealAmanda.Disk("cutindex")));
        error.Category.ShouldBe(FailureCategory.IndexDamaged);
    }

    // ---- negative controls: the index files say something amrecover does not show

    [Test]
    public async Task An_index_listing_a_file_amrecover_does_not_show_fails_naming_both()
    {
        var error = await DoctoredWalkFailsAsync(lines => [.. lines, "/base0/ghost-file.txt"]);
        error.Message.ShouldContain("only in the index files: ");
        error.Message.ShouldContain("ghost-file.txt; only in amrecover: nothing");
    }

    [Test]
    public async Task An_index_missing_a_file_amrecover_shows_fails_naming_both()
    {
        string? removed = null;
        var error = await DoctoredWalkFailsAsync(lines =>
        {
            removed = lines.First(l => l.EndsWith(".txt", StringComparison.Ordinal));
            return lines.Where(l => l != removed).ToList();
        });
        error.Message.ShouldContain("only in amrecover: ");
        var name = removed.ShouldNotBeNull();
        error.Message.ShouldContain(name[(name.LastIndexOf('/') + 1)..]);
    }

    private async Task<ExpectationFailedException> DoctoredWalkFailsAsync(Func<List<string>, List<string>> doctor)
    {
        var disk = RealAmanda.Disk("layered");
        using var copy = await DoctoredCopy.MakeAsync(disk, doctor);
        await using var lease = await _pool.RentAsync(Target(disk), CancellationToken.None);

        var error = await Should.ThrowAsync<ExpectationFailedException>(() => IndexWalk.TryWalkAsync(lease, WalkSettings.Default, CancellationToken.None, copy.Locate));

        error.Category.ShouldBe(FailureCategory.IndexDamaged);
        error.Message.ShouldContain("index and amrecover disagree");
        error.Message.ShouldContain("ba-daily localhost:/srv/fixtures/layered");
        error.Message.ShouldContain("amrecover transcript");
        return error;
    }

    [Test]
    public async Task The_unchanged_copy_of_the_same_files_passes() // the control for the two above
    {
        var disk = RealAmanda.Disk("layered");
        using var copy = await DoctoredCopy.MakeAsync(disk, lines => lines);
        await using var lease = await _pool.RentAsync(Target(disk), CancellationToken.None);
        var (inventory, reason) = await IndexWalk.TryWalkAsync(lease, WalkSettings.Default, CancellationToken.None, copy.Locate);
        reason.ShouldBeEmpty();
        inventory.ShouldNotBeNull().Summary.Files.ShouldBeGreaterThan(0);
    }

    /// <summary>A private copy of a disk's index files, the newest one rewritten; Amanda's own files are only read.</summary>
    private sealed class DoctoredCopy : IDisposable
    {
        private readonly string _directory;
        private readonly IReadOnlyList<IndexFile> _files;

        private DoctoredCopy(string directory, IReadOnlyList<IndexFile> files) => (_directory, _files) = (directory, files);

        public Task<(IReadOnlyList<IndexFile>? Files, string Where)> Locate(BackupTarget target, CancellationToken cancellationToken) =>
            Task.FromResult<(IReadOnlyList<IndexFile>?, string)>((_files, _directory));

        public static async Task<DoctoredCopy> MakeAsync(string disk, Func<List<string>, List<string>> doctor)
        {
            var (files, where) = await IndexDirectory.FindAsync(RealAmanda.Config, RealAmanda.Host, disk, CancellationToken.None);
            files.ShouldNotBeNull(where);
            var directory = Directory.CreateTempSubdirectory("doctored-index-").FullName;
            var copies = new List<IndexFile>();
            foreach (var file in files)
            {
                var lines = new List<string>();
                await using (var gzip = new GZipStream(File.OpenRead(file.Path), CompressionMode.Decompress))
                using (var reader = new StreamReader(gzip, Encoding.Latin1))
                    while (await reader.ReadLineAsync() is { } line) lines.Add(line);
                if (copies.Count == 0) lines = doctor(lines);
                var path = Path.Combine(directory, Path.GetFileName(file.Path));
                await using (var output = new GZipStream(File.Create(path), CompressionLevel.Fastest))
                    await output.WriteAsync(Encoding.Latin1.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
                copies.Add(file with { Path = path });
            }
            return new DoctoredCopy(directory, copies);
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}
