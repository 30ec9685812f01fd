using System.IO.Compression;
using System.Text;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Index;

/// <summary>The tree read from synthetic index files written as amdump writes them (gzip, one path per line).</summary>
public sealed class IndexTreeTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("index-tree-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    private static readonly DumpRecord Full = new(DumpDate.Parse("2026-11-25-10-00-00"), 0, "ba-daily", "DAILY-01", 1);
    private static readonly DumpRecord Incremental = new(DumpDate.Parse("2026-11-26-10-00-00"), 1, "ba-daily", "DAILY-02", 1);

    private IndexFile Write(DumpRecord dump, string suffix, params string[] lines)
    {
        var path = Path.Combine(_directory, $"{dump.Date.Value:yyyyMMddHHmmss}_{dump.Level}{suffix}.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gzip.Write(Encoding.Latin1.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
        return new IndexFile(path, dump.Date, dump.Level);
    }

    private static string Show(IReadOnlyList<ListingEntry>? listing) =>
        listing is null ? "none" : string.Join(" ", listing.Select(e => $"{e.DumpDate.Value:dd}:{e.IndexName}{(e.IsDirectory ? "/" : "")}").Order(StringComparer.Ordinal));

    [Test]
    public async Task Counts_files_and_directories_as_a_walk_would()
    {
        var file = Write(Full, "", "/", "/a/", "/a/one", "/a/b/", "/a/b/two", "/top");
        var tree = await IndexTree.ReadAsync([Full], [file], CancellationToken.None);
        tree.DirectoryCount.ShouldBe(2);
        tree.FileCount.ShouldBe(3);
        Show(tree.Listing("")).ShouldBe("25:a/ 25:top");
        Show(tree.Listing("/a")).ShouldBe("25:b/ 25:one");
        tree.Listing("/nowhere").ShouldBeNull();
        tree.Entries().Select(e => e.ToString()).Order(StringComparer.Ordinal)
            .ShouldBe(["/a/", "/a/b/", "/a/b/two", "/a/one", "/top"]);
    }

    [Test]
    public async Task Directories_implied_by_a_path_are_listed_even_without_their_own_line()
    {
        var tree = await IndexTree.ReadAsync([Full], [Write(Full, "", "/x/y/z")], CancellationToken.None);
        tree.DirectoryCount.ShouldBe(2);
        Show(tree.Listing("/x")).ShouldBe("25:y/");
    }

    [Test]
    public async Task The_chain_is_a_union_and_the_newest_dump_holding_an_entry_dates_it()
    {
        var full = Write(Full, "", "/", "/d/", "/d/old", "/d/kept", "/gone");
        // The incremental saw /d change (a new file), not /gone; amindexd still shows /gone from the level 0.
        var incremental = Write(Incremental, "", "/", "/d/", "/d/new", "/d/kept");
        var tree = await IndexTree.ReadAsync([Incremental, Full], [incremental, full], CancellationToken.None);
        tree.FileCount.ShouldBe(4);
        Show(tree.Listing("")).ShouldBe("25:gone 26:d/");
        Show(tree.Listing("/d")).ShouldBe("25:old 26:kept 26:new");
    }

    [Test]
    public async Task A_sorted_file_is_preferred_to_the_unsorted_one_amdump_left()
    {
        var unsorted = Write(Full, "-unsorted", "/stale");
        var sorted = Write(Full, "", "/fresh");
        var tree = await IndexTree.ReadAsync([Full], [unsorted, sorted], CancellationToken.None);
        Show(tree.Listing("")).ShouldBe("25:fresh");
    }

    [Test]
    public async Task Escaped_names_keep_their_index_form_and_unescape_for_display()
    {
        var tree = await IndexTree.ReadAsync([Full], [Write(Full, "", @"/tab\there", "/caf\u00e9")], CancellationToken.None);
        var listing = tree.Listing("")!;
        listing.Select(e => e.IndexName).Order(StringComparer.Ordinal).ShouldBe([@"caf" + "\u00e9", @"tab\there"]);
        listing.Single(e => e.IndexName == @"tab\there").Name.Latin1.ShouldBe("tab\there");
    }

    [Test]
    public async Task The_copy_amindexd_serves_must_hold_as_many_lines_as_the_index_file()
    {
        var file = Write(Full, "-unsorted", "/", "/a/", "/a/one", "/a/two");
        await File.WriteAllTextAsync(file.Path[..^3], "/\n/a/\n/a/one\n"); // amindexd's copy, one line short
        var short_ = await Should.ThrowAsync<AmandaReplyException>(() => IndexTree.ReadAsync([Full], [file], CancellationToken.None));
        short_.Kind.ShouldBe(AmandaErrorKind.IndexMissing);
        short_.Message.ShouldContain("amindexd serves");
        short_.Message.ShouldContain("3 lines where the index file holds 4");
    }

    [Test]
    public async Task A_whole_copy_amindexd_serves_is_fine()
    {
        var file = Write(Full, "-unsorted", "/", "/a/", "/a/one", "/a/two");
        await File.WriteAllTextAsync(file.Path[..^3], "/\n/a/\n/a/one\n/a/two\n");
        (await IndexTree.ReadAsync([Full], [file], CancellationToken.None)).FileCount.ShouldBe(2);
    }

    [Test]
    public async Task A_dump_of_the_chain_without_an_index_file_is_an_index_missing()
    {
        var full = Write(Full, "", "/a");
        var missing = await Should.ThrowAsync<AmandaReplyException>(() => IndexTree.ReadAsync([Incremental, Full], [full], CancellationToken.None));
        missing.Kind.ShouldBe(AmandaErrorKind.IndexMissing);
        missing.Message.ShouldContain("2026-11-26-10-00-00");
    }

    [Test]
    public async Task A_cut_short_index_file_is_an_index_missing_not_a_smaller_tree()
    {
        var file = Write(Full, "", Enumerable.Range(0, 5000).Select(i => $"/dir{i % 50}/file{i}").ToArray());
        var bytes = await File.ReadAllBytesAsync(file.Path);
        await File.WriteAllBytesAsync(file.Path, bytes[..(bytes.Length / 2)]);
        var cut = await Should.ThrowAsync<AmandaReplyException>(() => IndexTree.ReadAsync([Full], [file], CancellationToken.None));
        cut.Kind.ShouldBe(AmandaErrorKind.IndexMissing);
        cut.Message.ShouldContain(file.Path);
    }
}
