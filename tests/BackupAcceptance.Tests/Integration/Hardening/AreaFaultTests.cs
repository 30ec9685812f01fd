using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Tests.Support;
using CliWrap;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration.Hardening;

/// <summary>
/// Issue 24, RD1 and S3's leftover areas, through ./run.sh: a restore root another user could change is refused by
/// name as Restore failed (broken, exit 2) and nothing is restored into it; with a proper root the same restore
/// passes, and the areas of runs that died are swept at the start, while a live run's area and anything unmarked stay.
/// </summary>
[Category("Integration")]
[Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
public sealed class AreaFaultTests
{
    private const string Restore = """
        Feature: Areas
          Scenario: Restore into the configured root
            Given ba-daily config for localhost /etc
            When the file "passwd" is restored
            Then the restored "passwd" passes "grep -q ^root: {}"
        """;

    private const UnixFileMode Passable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                          | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private string _work = "";

    [SetUp]
    public void Folder()
    {
        RealAmanda.Require();
        _work = Directory.CreateTempSubdirectory("ba-area-faults-").FullName;
        File.SetUnixFileMode(_work, Passable); // nobody must pass to its copy in the control
    }

    [TearDown]
    public void Remove() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task A_restore_root_owned_by_another_user_is_refused_by_name_and_nothing_is_restored()
    {
        var root = Directory.CreateDirectory(Path.Combine(_work, "theirs")).FullName;
        File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101); // 0755 whatever the umask (run.sh's is 077)
        await Cli.Wrap("chown").WithArguments(["nobody", root]).ExecuteAsync();

        var run = await RefusedAsync(root);

        TestContext.Out.WriteLine(run.Block("Restore into the configured root"));
        run.Block("Restore into the configured root").ShouldContain($"{root} (owner nobody (uid 65534), mode 0755) is owned by another user");
    }

    [Test]
    public async Task A_restore_root_anyone_may_write_without_the_sticky_bit_is_refused_by_name()
    {
        var root = Directory.CreateDirectory(Path.Combine(_work, "open")).FullName;
        File.SetUnixFileMode(root, (UnixFileMode)0b111_111_111);

        var run = await RefusedAsync(root);

        run.Block("Restore into the configured root").ShouldContain($"{root} (owner root (uid 0), mode 0777) is writable by its group or by others and has no sticky bit");
    }

    [Test]
    public async Task A_group_writable_folder_above_the_restore_root_is_refused_by_name()
    {
        var above = Directory.CreateDirectory(Path.Combine(_work, "shared")).FullName;
        var root = Directory.CreateDirectory(Path.Combine(above, "restores")).FullName;
        File.SetUnixFileMode(above, (UnixFileMode)0b111_111_101); // 0775: the group may rename what is in it

        var run = await RefusedAsync(root);

        run.Block("Restore into the configured root").ShouldContain($"{above} (owner root (uid 0), mode 0775) is writable by its group");
    }

    [Test]
    public async Task With_a_proper_root_the_restore_passes_and_only_the_areas_of_dead_runs_are_swept()
    {
        var root = Directory.CreateDirectory(Path.Combine(_work, "restores")).FullName;
        File.SetUnixFileMode(root, Passable);
        var dead = await LeftoverAsync(root, "dead", AreaOwner.Current with { ProcessId = await ExitedProcessAsync() });
        var live = await LeftoverAsync(root, "live", AreaOwner.Current); // this test process: a live run on the same server
        var unmarked = Directory.CreateDirectory(Path.Combine(root, "backup-acceptance-restore-unmarked")).FullName;
        var mark = Guid.NewGuid().ToString("N");

        var run = await AreaWordRunner.RunAsync(_work, Restore, new Dictionary<string, string> { ["BACKUP_ACCEPTANCE_RESTORE_DIR"] = root }, mark);

        run.ExitCode.ShouldBe(0, run.Console + run.Summary);
        run.Block("Restore into the configured root").ShouldStartWith("PASS");
        Directory.Exists(dead).ShouldBeFalse("the area of a run that died is swept at the start");
        Directory.EnumerateFileSystemEntries(root).Order(StringComparer.Ordinal).ToList().ShouldBe([live, unmarked],
            customMessage: "a live run's area and an unmarked folder stay; the run's own areas are gone");
        File.Exists(Path.Combine(live, "owner")).ShouldBeTrue();
        run.Took.ShouldBeLessThan(TimeSpan.FromMinutes(4));
        (await AreaWordRunner.LeftRunningAsync(mark)).ShouldBeEmpty();
    }

    /// <summary>Runs the restore into <paramref name="root"/> and checks what every refusal must show: broken as Restore
    /// failed naming the root, exit 2, nothing made in the root, nothing left running.</summary>
    private async Task<FrontDoorRun> RefusedAsync(string root)
    {
        var mark = Guid.NewGuid().ToString("N");
        var run = await AreaWordRunner.RunAsync(_work, Restore, new Dictionary<string, string> { ["BACKUP_ACCEPTANCE_RESTORE_DIR"] = root }, mark);

        run.ExitCode.ShouldBe(2, run.Console + run.Summary);
        var block = run.Block("Restore into the configured root");
        block.ShouldStartWith("BROKEN", customMessage: block);
        block.ShouldContain($"Restore failed: ba-daily localhost:/etc (dump ", customMessage: block);
        block.ShouldContain($"expected a restore root that only root or this user can change (BACKUP_ACCEPTANCE_RESTORE_DIR", customMessage: block);
        block.ShouldContain($"found restore root {root}: ", customMessage: block);
        block.ShouldContain("nothing was restored", customMessage: block);
        Directory.EnumerateFileSystemEntries(root).ShouldBeEmpty("no restore area was made in a refused root");
        run.Took.ShouldBeLessThan(TimeSpan.FromMinutes(3));
        (await AreaWordRunner.LeftRunningAsync(mark)).ShouldBeEmpty();
        return run;
    }

    private static async Task<string> LeftoverAsync(string root, string name, AreaOwner owner)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "backup-acceptance-restore-" + name)).FullName;
        var restored = Directory.CreateDirectory(Path.Combine(folder, "restore")).FullName;
        await File.WriteAllTextAsync(Path.Combine(restored, "shadow"), "a restored file left behind");
        await File.WriteAllTextAsync(Path.Combine(folder, "owner"), owner.ToText());
        return folder;
    }

    private static async Task<int> ExitedProcessAsync()
    {
        var task = Cli.Wrap("true").ExecuteAsync();
        await task;
        return task.ProcessId;
    }
}
