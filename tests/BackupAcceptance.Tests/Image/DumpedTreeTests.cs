using System.Text;
using BackupAcceptance.Amanda.Image;
using BackupAcceptance.Amanda.Text;
using CliWrap;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Image;

/// <summary>The state an incremental dump records, read from real GNU tar archives made here: a level 0, then names
/// deleted, renamed and added, then a level 1. Names hold a newline, a TAB and bytes that are not UTF-8, which tar's
/// own -tvv listing prints raw and so could not be parsed.</summary>
public sealed class DumpedTreeTests
{
    private string _work = null!;

    [SetUp]
    public void MakeWork() => _work = Directory.CreateTempSubdirectory("ba-dumped-tree-").FullName;

    [TearDown]
    public void RemoveWork() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task A_level_1_records_what_was_present_and_not_what_was_deleted()
    {
        var source = Path.Combine(_work, "src");
        Directory.CreateDirectory(Path.Combine(source, "a"));
        Directory.CreateDirectory(Path.Combine(source, "old"));
        await File.WriteAllTextAsync(Path.Combine(source, "a", "a1.txt"), "1");
        await File.WriteAllTextAsync(Path.Combine(source, "a", "a2.txt"), "2");
        await File.WriteAllTextAsync(Path.Combine(source, "new\nline"), "3");
        await File.WriteAllTextAsync(Path.Combine(source, "tab\there"), "4");
        await File.WriteAllTextAsync(Path.Combine(source, "old", "f.txt"), "5");
        var latin1 = Encoding.Latin1.GetString([(byte)'b', 0xE9, (byte)'.', (byte)'t', (byte)'x', (byte)'t']);
        await File.WriteAllBytesAsync(Path.Combine(source, latin1), [6]); // .NET writes the name as UTF-8; read back below

        var snapshot = Path.Combine(_work, "snapshot");
        var level0 = await TarAsync(source, snapshot, "l0.tar");
        File.Delete(Path.Combine(source, "a", "a2.txt"));
        Directory.Move(Path.Combine(source, "old"), Path.Combine(source, "renamed"));
        await File.WriteAllTextAsync(Path.Combine(source, "a", "a3.txt"), "7");
        var level1 = await TarAsync(source, snapshot, "l1.tar");

        var before = (await ReadAsync(level0))!;
        var after = (await ReadAsync(level1))!;

        before.Files.ShouldContain(RawPath.Parse("a/a2.txt"));
        after.Files.ShouldNotContain(RawPath.Parse("a/a2.txt"));
        after.Files.ShouldContain(RawPath.Parse("a/a1.txt"));
        after.FilesInThisDump.ShouldNotContain(RawPath.Parse("a/a1.txt"));
        after.FilesInThisDump.ShouldContain(RawPath.Parse("a/a3.txt"));
        after.Files.ShouldContain(RawPath.Parse("new\nline"));
        after.Files.ShouldContain(RawPath.Parse("tab\there"));
        // The name's bytes as the file system holds them (UTF-8 of what .NET was given), one Latin-1 char per byte.
        after.Files.ShouldContain(RawPath.Root.Append(RawName.FromBytes(Encoding.UTF8.GetBytes(latin1))));
        after.Directories.ShouldContain(RawPath.Parse("renamed"));
        after.Directories.ShouldNotContain(RawPath.Parse("old"));
        after.Files.ShouldContain(RawPath.Parse("renamed/f.txt"));
        after.Files.Count.ShouldBe(6);
    }

    [Test]
    public async Task A_tar_without_directory_records_says_nothing_of_the_state()
    {
        var source = Path.Combine(_work, "plain");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "f.txt"), "x");
        var archive = Path.Combine(_work, "plain.tar");
        await Cli.Wrap("tar").WithArguments(["--create", "--file", archive, "--directory", source, "."]).ExecuteAsync();
        (await ReadAsync(archive, allowNone: true)).ShouldBeNull();
    }

    [Test]
    public async Task A_cut_short_image_is_unreadable_not_a_smaller_tree()
    {
        var source = Path.Combine(_work, "big");
        Directory.CreateDirectory(source);
        await File.WriteAllBytesAsync(Path.Combine(source, "f.bin"), new byte[100_000]);
        var archive = await TarAsync(source, Path.Combine(_work, "snap"), "big.tar");
        var bytes = await File.ReadAllBytesAsync(archive);
        await Should.ThrowAsync<EndOfStreamException>(async () =>
            await DumpedTree.FromMembersAsync(TarMembers.ReadAsync(new MemoryStream(bytes[..50_000]), CancellationToken.None)));
    }

    private async Task<string> TarAsync(string source, string snapshot, string name)
    {
        var archive = Path.Combine(_work, name);
        await Cli.Wrap("tar").WithArguments(["--create", "--file", archive, "--directory", source, "--listed-incremental", snapshot, "."])
            .ExecuteAsync();
        return archive;
    }

    private static async Task<DumpedTree?> ReadAsync(string archive, bool allowNone = false)
    {
        await using var stream = File.OpenRead(archive);
        var tree = await DumpedTree.FromMembersAsync(TarMembers.ReadAsync(stream, CancellationToken.None));
        if (!allowNone) tree.ShouldNotBeNull();
        return tree;
    }
}
