using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Text;
using CliWrap;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Restoring;

/// <summary>The restore area: made only in a trusted root, private, marked with its run, and confirmed to be the same
/// directory before restored files are read (issue 24, RD1).</summary>
public sealed class RestoreAreaTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private string _root = "";

    [SetUp]
    public void Scratch() => _root = Directory.CreateTempSubdirectory("ba-areas-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task An_area_is_private_empty_and_marked_with_its_run()
    {
        await using (var area = RestoreArea.Create(_root))
        {
            Path.GetDirectoryName(area.Folder).ShouldBe(_root);
            Path.GetFileName(area.Folder).ShouldStartWith("backup-acceptance-restore-");
            File.GetUnixFileMode(area.Path).ShouldBe(Private);
            File.GetUnixFileMode(area.Folder).ShouldBe(Private | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            Directory.EnumerateFileSystemEntries(area.Path).ShouldBeEmpty("the marker stays out of what a full restore must hold");
            var marker = await File.ReadAllTextAsync(Path.Combine(area.Folder, "owner"));
            AreaOwner.Parse(marker).ShouldBe(AreaOwner.Current);
            AreaOwner.Current.ProcessId.ShouldBe(Environment.ProcessId);
            AreaOwner.Current.IsGone().ShouldBeFalse();
        }
        Directory.EnumerateFileSystemEntries(_root).ShouldBeEmpty("dispose removes the folder, marker and all");
    }

    [Test]
    public async Task An_area_swapped_after_the_restore_is_never_read()
    {
        await using var area = RestoreArea.Create(_root);
        await File.WriteAllTextAsync(Path.Combine(area.Path, "shadow"), "restored");
        Should.NotThrow(() => area.PathOf(RawPath.Parse("shadow")));

        // What RD1 did: the restored folder renamed away, another put in its place with other bytes.
        Directory.Move(area.Path, area.Path + ".moved");
        Directory.CreateDirectory(area.Path);
        await File.WriteAllTextAsync(Path.Combine(area.Path, "shadow"), "substitute");

        Should.Throw<RestoreAreaChangedException>(() => area.PathOf(RawPath.Parse("shadow")))
            .Message.ShouldContain($"The restore area {area.Path} is not the directory the suite made for the restore: another entry is there now");
    }

    [Test]
    public async Task A_removed_area_is_never_read()
    {
        await using var area = RestoreArea.Create(_root);
        Directory.Delete(area.Path);
        Should.Throw<RestoreAreaChangedException>(area.Verify).Message.ShouldContain("it is gone");
    }

    [Test]
    public async Task A_copy_for_nobody_made_beside_the_restore_is_reachable_and_goes_with_the_area()
    {
        RestoreRootTests.RequireRoot();
        File.SetUnixFileMode(_root, Private | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute); // a root nobody may pass, as /tmp
        var area = RestoreArea.Create(_root);
        // What the data check does: an area in the restore's folder, given to nobody, who must reach a file in it.
        var copy = RestoreArea.Create(area.Path[..area.Path.LastIndexOf('/')]);
        await File.WriteAllTextAsync(Path.Combine(copy.Path, "copied"), "x");
        await Cli.Wrap("chown").WithArguments(["-R", "--no-dereference", "nobody:", copy.Path]).ExecuteAsync();
        var reach = await Cli.Wrap("runuser").WithArguments(["-u", "nobody", "--", "test", "-r", Path.Combine(copy.Path, "copied")])
            .WithValidation(CommandResultValidation.None).ExecuteAsync();
        reach.ExitCode.ShouldBe(0, "nobody passes through the folders to its copy");
        var look = await Cli.Wrap("runuser").WithArguments(["-u", "nobody", "--", "ls", area.Path])
            .WithValidation(CommandResultValidation.None).ExecuteAsync();
        look.ExitCode.ShouldNotBe(0, "nobody cannot look into the restore itself");

        await area.DisposeAsync(); // the copy (nobody's) goes with it, as after a killed run's sweep
        Directory.EnumerateFileSystemEntries(_root).ShouldBeEmpty();
    }
}
