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

        Present(before, "a/a2.txt").ShouldBe(Presence.Present);
        Present(after, "a/a2.txt").ShouldBe(Presence.Gone);
        Present(after, "a/a1.txt").ShouldBe(Presence.Present);
        after.Written.ShouldNotContainKey(RawPath.Parse("a/a1.txt"));
        after.Written.ShouldContainKey(RawPath.Parse("a/a3.txt"));
        after.ChangedAfter(DateTime.UtcNow.AddHours(-1)).ShouldContain(RawPath.Parse("a/a3.txt"));
        after.ChangedAfter(DateTime.UtcNow.AddHours(1)).ShouldBeEmpty();
        Present(after, "new\nline").ShouldBe(Presence.Present);
        Present(after, "tab\there").ShouldBe(Presence.Present);
        // The name's bytes as the file system holds them (UTF-8 of what .NET was given), one Latin-1 char per byte.
        after.Of(RawPath.Root.Append(RawName.FromBytes(Encoding.UTF8.GetBytes(latin1))), isDirectory: false).ShouldBe(Presence.Present);
        after.Of(RawPath.Parse("renamed"), isDirectory: true).ShouldBe(Presence.Present);
        after.Of(RawPath.Parse("old"), isDirectory: true).ShouldBe(Presence.Gone);
        Present(after, "old/f.txt").ShouldBe(Presence.Gone, "below a directory gone from its recorded parent");
        Present(after, "renamed/f.txt").ShouldBe(Presence.Present);
        // The rename is recorded: what the level 0 holds under the old name comes back under the new one.
        after.Renames.ShouldBe([(RawPath.Parse("old"), RawPath.Parse("renamed"))]);
        after.Renamed(RawPath.Parse("old/f.txt")).ShouldBe(RawPath.Parse("renamed/f.txt"));
        after.Renamed(RawPath.Parse("a/a1.txt")).ShouldBe(RawPath.Parse("a/a1.txt"));
        Present(after, "a").ShouldBe(Presence.Gone, "a directory is not a file");
        after.Flags.Count(f => f.Value != 'D').ShouldBe(6);
    }

    /// <summary>With an include list (tar --files-from, as Amanda runs it for a DLE with includes) the root has no
    /// record: its files are unknown to the level 1, never gone; tar keeps them on restore.</summary>
    [Test]
    public async Task Names_below_a_directory_without_a_record_are_unknown_not_gone()
    {
        var source = Path.Combine(_work, "inc");
        Directory.CreateDirectory(Path.Combine(source, "a"));
        await File.WriteAllTextAsync(Path.Combine(source, "a", "x"), "1");
        await File.WriteAllTextAsync(Path.Combine(source, "top.txt"), "2");
        var list = Path.Combine(_work, "include");
        await File.WriteAllTextAsync(list, "./a\n./top.txt\n");
        var snapshot = Path.Combine(_work, "inc-snap");
        await TarAsync(source, snapshot, "inc0.tar", ["--files-from", list]);
        await File.AppendAllTextAsync(Path.Combine(source, "a", "x"), "changed");
        var level1 = (await ReadAsync(await TarAsync(source, snapshot, "inc1.tar", ["--files-from", list])))!;

        Present(level1, "top.txt").ShouldBe(Presence.Unknown);
        Present(level1, "a/x").ShouldBe(Presence.Present);
    }

    /// <summary>An exclusion added after the level 0: tar records the excluded directory as N and never enters it, so
    /// what the level 0 holds below it is unknown to the level 1 (a restore keeps it), not gone.</summary>
    [Test]
    public async Task An_excluded_directory_is_recorded_as_a_name_and_not_entered()
    {
        var source = Path.Combine(_work, "exc");
        Directory.CreateDirectory(Path.Combine(source, "cache"));
        await File.WriteAllTextAsync(Path.Combine(source, "cache", "c1"), "1");
        await File.WriteAllTextAsync(Path.Combine(source, "keep"), "2");
        var snapshot = Path.Combine(_work, "exc-snap");
        await TarAsync(source, snapshot, "exc0.tar");
        await File.AppendAllTextAsync(Path.Combine(source, "keep"), "more");
        var level1 = (await ReadAsync(await TarAsync(source, snapshot, "exc1.tar", ["--exclude=./cache"])))!;

        Present(level1, "cache/c1").ShouldBe(Presence.Unknown);
        Present(level1, "keep").ShouldBe(Presence.Present);
    }

    private static Presence Present(DumpedTree tree, string path) => tree.Of(RawPath.Parse(path), isDirectory: false);

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

    private async Task<string> TarAsync(string source, string snapshot, string name, string[]? selection = null)
    {
        var archive = Path.Combine(_work, name);
        string[] words = ["--create", "--file", archive, "--directory", source, "--listed-incremental", snapshot];
        await Cli.Wrap("tar").WithArguments(selection is { Length: > 0 } && selection[0] == "--files-from" ? [.. words, .. selection] : [.. words, .. selection ?? [], "."])
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
