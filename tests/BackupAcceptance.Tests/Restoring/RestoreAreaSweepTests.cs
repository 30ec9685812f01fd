using BackupAcceptance.Amanda.Restoring;
using CliWrap;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Restoring;

/// <summary>Areas of runs that died are swept at the next start (issue 24, S3), and only those: never an area of a live
/// run, nor anything the suite did not mark as its own.</summary>
public sealed class RestoreAreaSweepTests
{
    private string _root = "";

    [SetUp]
    public void Scratch() => _root = Directory.CreateTempSubdirectory("ba-sweep-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task Only_marked_areas_whose_run_is_gone_are_swept()
    {
        var dead = await Leftover("dead", AreaOwner.Current with { ProcessId = await ExitedProcessAsync() });
        var reused = await Leftover("reused", AreaOwner.Current with { StartTicks = AreaOwner.Current.StartTicks + 1 });
        var rebooted = await Leftover("rebooted", AreaOwner.Current with { BootId = "another-boot" });
        var live = await Leftover("live", AreaOwner.Current);
        var container = await Leftover("container", AreaOwner.Current with { ProcessId = 999_999_999, PidNamespace = "pid:[1]" });
        var unmarked = Directory.CreateDirectory(Path.Combine(_root, "backup-acceptance-restore-unmarked")).FullName;
        var garbled = await Leftover("garbled", null);
        var otherName = Directory.CreateDirectory(Path.Combine(_root, "not-an-area")).FullName;
        await File.WriteAllTextAsync(Path.Combine(otherName, "owner"), (AreaOwner.Current with { BootId = "x" }).ToText());

        var swept = (await RestoreAreaSweep.SweepAsync(_root, CancellationToken.None));

        swept.Order(StringComparer.Ordinal).ShouldBe(new[] { dead, rebooted, reused }.Order(StringComparer.Ordinal));
        foreach (var gone in swept) Directory.Exists(gone).ShouldBeFalse();
        foreach (var kept in new[] { live, container, unmarked, garbled, otherName }) Directory.Exists(kept).ShouldBeTrue(kept);
    }

    [Test]
    public async Task A_marker_or_folder_of_another_user_is_not_the_suite_s()
    {
        RestoreRootTests.RequireRoot();
        var theirMarker = await Leftover("their-marker", AreaOwner.Current with { BootId = "x" });
        await Cli.Wrap("chown").WithArguments(["nobody", Path.Combine(theirMarker, "owner")]).ExecuteAsync();
        var theirFolder = await Leftover("their-folder", AreaOwner.Current with { BootId = "x" });
        await Cli.Wrap("chown").WithArguments(["nobody", theirFolder]).ExecuteAsync();

        (await RestoreAreaSweep.SweepAsync(_root, CancellationToken.None)).ShouldBeEmpty();
        Directory.Exists(theirMarker).ShouldBeTrue();
        Directory.Exists(theirFolder).ShouldBeTrue();
    }

    [Test]
    public async Task A_dead_run_s_area_goes_with_nobody_s_copy_and_names_that_are_not_utf8()
    {
        RestoreRootTests.RequireRoot();
        var dead = await Leftover("with-copy", AreaOwner.Current with { BootId = "x" });
        var copy = Directory.CreateDirectory(Path.Combine(dead, "backup-acceptance-restore-copy", "restore")).FullName;
        await Cli.Wrap("sh").WithArguments(["-c", "printf x > \"$1\"/$(printf 'caf\\351') && chown -R nobody: \"$1\"", "_", copy]).ExecuteAsync();

        (await RestoreAreaSweep.SweepAsync(_root, CancellationToken.None)).ShouldBe([dead]);
        Directory.Exists(dead).ShouldBeFalse();
    }

    [Test]
    public async Task Nothing_is_swept_in_a_root_the_suite_does_not_trust()
    {
        var dead = Path.Combine(_root, "backup-acceptance-restore-dead");
        Directory.CreateDirectory(dead);
        File.WriteAllText(Path.Combine(dead, "owner"), (AreaOwner.Current with { BootId = "x" }).ToText());
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_111_111);

        (await RestoreAreaSweep.SweepAsync(_root, CancellationToken.None)).ShouldBeEmpty();
        Directory.Exists(dead).ShouldBeTrue();
    }

    [TestCase("")]
    [TestCase("backup-acceptance restore area\npid x\nstart 1\nboot b\npidns p\n")]
    [TestCase("something else\npid 1\nstart 1\nboot b\npidns p\n")]
    public void Text_that_is_not_a_marker_names_no_owner(string text) => AreaOwner.Parse(text).ShouldBeNull();

    /// <summary>A folder laid out as an area, with this marker (or a garbled one).</summary>
    private async Task<string> Leftover(string name, AreaOwner? owner)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "backup-acceptance-restore-" + name)).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "restore"));
        await File.WriteAllTextAsync(Path.Combine(folder, "owner"), owner?.ToText() ?? "backup-acceptance restore area\npid 1\n");
        return folder;
    }

    private static async Task<int> ExitedProcessAsync()
    {
        var task = Cli.Wrap("true").ExecuteAsync();
        await task;
        return task.ProcessId;
    }
}
