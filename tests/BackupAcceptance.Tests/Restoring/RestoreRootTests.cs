using BackupAcceptance.Amanda.Restoring;
using CliWrap;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Restoring;

/// <summary>The restore root is trusted or refused (issue 24, RD1): every folder from / down owned by root or this
/// user, none writable by others unless sticky, links resolved first.</summary>
public sealed class RestoreRootTests
{
    private string _scratch = "";

    [SetUp]
    public void Scratch() => _scratch = Directory.CreateTempSubdirectory("ba-root-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public void The_default_temporary_directory_is_trusted_for_its_sticky_bit()
    {
        RestoreRoot.RequireTrusted("/tmp").ShouldBe("/tmp");
        File.GetUnixFileMode("/tmp").HasFlag(UnixFileMode.StickyBit).ShouldBeTrue("the premise: /tmp is sticky");
    }

    [Test]
    public void A_private_folder_is_trusted_and_given_as_its_real_path() =>
        RestoreRoot.RequireTrusted(_scratch + "/./").ShouldBe(_scratch);

    [Test]
    public void A_folder_anyone_may_write_without_the_sticky_bit_is_refused_by_name()
    {
        File.SetUnixFileMode(_scratch, (UnixFileMode)0b111_111_111); // 0777

        var refused = Should.Throw<UntrustedRestoreRootException>(() => RestoreRoot.RequireTrusted(_scratch));

        refused.Message.ShouldStartWith($"restore root {_scratch}: {_scratch} (owner root (uid 0), mode 0777) is writable by its group or by others and has no sticky bit");
    }

    [Test]
    public void A_sticky_folder_anyone_may_write_is_trusted()
    {
        File.SetUnixFileMode(_scratch, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit); // 1777, as /tmp
        RestoreRoot.RequireTrusted(_scratch).ShouldBe(_scratch);
    }

    [Test]
    public void A_group_writable_folder_above_the_root_is_refused_by_name()
    {
        var root = Directory.CreateDirectory(Path.Combine(_scratch, "restores")).FullName;
        File.SetUnixFileMode(_scratch, (UnixFileMode)0b111_111_000); // 0770 above a good root

        var refused = Should.Throw<UntrustedRestoreRootException>(() => RestoreRoot.RequireTrusted(root));

        refused.Message.ShouldContain($"{_scratch} (owner root (uid 0), mode 0770) is writable by its group");
        refused.Root.ShouldBe(root);
    }

    [Test]
    public async Task A_folder_of_another_user_is_refused_by_name()
    {
        RequireRoot();
        await Cli.Wrap("chown").WithArguments(["nobody", _scratch]).ExecuteAsync();

        var refused = Should.Throw<UntrustedRestoreRootException>(() => RestoreRoot.RequireTrusted(_scratch));

        refused.Message.ShouldContain($"{_scratch} (owner nobody (uid 65534), mode 0700) is owned by another user");
    }

    [Test]
    public async Task A_link_is_followed_and_the_folder_it_leads_to_is_judged()
    {
        RequireRoot();
        var theirs = Directory.CreateDirectory(Path.Combine(_scratch, "theirs")).FullName;
        var good = Directory.CreateDirectory(Path.Combine(_scratch, "good")).FullName;
        await Cli.Wrap("chown").WithArguments(["nobody", theirs]).ExecuteAsync();
        File.CreateSymbolicLink(Path.Combine(_scratch, "to-good"), good);
        File.CreateSymbolicLink(Path.Combine(_scratch, "to-theirs"), theirs);

        RestoreRoot.RequireTrusted(Path.Combine(_scratch, "to-good")).ShouldBe(good);
        Should.Throw<UntrustedRestoreRootException>(() => RestoreRoot.RequireTrusted(Path.Combine(_scratch, "to-theirs")))
            .Message.ShouldContain($"is owned by another user than root or this one, who could swap the restore areas under it (its real path is {theirs})");
    }

    [Test]
    public void A_root_that_is_not_there_is_refused() =>
        Should.Throw<UntrustedRestoreRootException>(() => RestoreRoot.RequireTrusted(Path.Combine(_scratch, "absent")))
            .Message.ShouldContain("cannot be resolved (");

    [Test]
    public void No_area_is_made_in_a_refused_root()
    {
        File.SetUnixFileMode(_scratch, (UnixFileMode)0b111_111_111);
        Should.Throw<UntrustedRestoreRootException>(() => RestoreArea.Create(_scratch));
        Directory.EnumerateFileSystemEntries(_scratch).ShouldBeEmpty();
    }

    internal static void RequireRoot()
    {
        if (Environment.UserName != "root") Assert.Ignore("needs root to give a folder to another user (chown)");
    }
}
