using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.DataChecks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Tests.Checks.Secrecy;
using BackupAcceptance.Tests.Core;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>What a data check refuses before any sandbox is made (no root needed): a path the command would not read
/// restored data through (outside the area, below a restored link, a directory of restic's chosen files, a name not
/// UTF-8), a path that holds no file, and an area that is no longer the one made.</summary>
public sealed class DataCheckRefusalTests
{
    private static readonly DataCheckLimit Limit = new(TimeSpan.FromSeconds(5), "LIMIT");

    private static IPrivateArea NoSandbox() => throw new InvalidOperationException("no sandbox for a refused path");

    private static async Task<CheckFailedException> RefusedAsync(Func<Task> check, FailureCategory category = FailureCategory.InputError)
    {
        var failure = await Should.ThrowAsync<CheckFailedException>(check);
        failure.Category.ShouldBe(category, failure.Message);
        return failure;
    }

    private static RestoredSet.File File(string path, byte[] location) =>
        new(new TreeEntry(path, EntryKind.RegularFile, 1, OneDump.Dump.Time), location);

    [Test]
    public async Task A_path_below_a_link_of_a_whole_restore_is_refused()
    {
        await using var linked = await RestoredFixture.LinkAsync("etc", "/etc");
        var whole = AmandaRestoredWhole.Of(OneDump.Dump, linked, "");
        (await RefusedAsync(() => DataCheckRules.RequirePassesAsync(OneDump.View(), whole, "etc/hostname", "grep -q . {}", Limit, NoSandbox, default)))
            .Found.ShouldBe("etc/hostname lies below a link or special file restored as such: the command would read what it names, not restored data");
    }

    [Test]
    public async Task A_file_outside_the_area_or_through_a_dot_step_is_refused()
    {
        await using var area = RestoreArea.Create();
        var outside = new RestoredSet(OneDump.Dump, area, [File("hostname", "/etc/hostname"u8.ToArray())], null);
        (await RefusedAsync(() => DataCheckRules.RequirePassesAsync(OneDump.View(), outside, "hostname", "grep -q . {}", Limit, NoSandbox, default)))
            .Found.ShouldBe("hostname is not inside the restore area");
        var dotted = new RestoredSet(OneDump.Dump, area, [File("x", System.Text.Encoding.UTF8.GetBytes(area.Path + "/./x"))], null);
        (await RefusedAsync(() => DataCheckRules.RequirePassesAsync(OneDump.View(), dotted, "x", "grep -q . {}", Limit, NoSandbox, default)))
            .Found.ShouldBe("x is not inside the restore area");
    }

    [Test]
    public async Task A_name_that_is_not_utf8_is_refused()
    {
        await using var area = RestoreArea.Create();
        var location = System.Text.Encoding.UTF8.GetBytes(area.Path + "/caf").Concat(new byte[] { 0xE9 }).ToArray();
        var odd = new RestoredSet(OneDump.Dump, area, [File("caf\uFFFD", location)], null);
        (await RefusedAsync(() => DataCheckRules.RequirePassesAsync(OneDump.View(), odd, "caf\uFFFD", "grep -q . {}", Limit, NoSandbox, default)))
            .Found.ShouldBe("caf\uFFFD was restored under a name that is not UTF-8: the command cannot be given it");
    }

    /// <summary>restic lands each chosen file as 0001, 0002: no directory of them exists to hand over, and a name that
    /// ends like one ("logs/0001") must not pass for it.</summary>
    [Test]
    public async Task A_directory_of_files_not_laid_out_by_their_paths_is_refused()
    {
        await using var area = RestoreArea.Create();
        var numbered = new RestoredSet(OneDump.Dump, area,
            [File("logs/0001", System.Text.Encoding.UTF8.GetBytes(area.Path + "/0001")), File("db/x", System.Text.Encoding.UTF8.GetBytes(area.Path + "/0002"))], null);
        (await RefusedAsync(() => DataCheckRules.RequirePassesAsync(OneDump.View(), numbered, "logs", "test -d {}", Limit, NoSandbox, default)))
            .Found.ShouldStartWith("/logs is not a restored file or a directory holding one");
        (await RefusedAsync(() => DataCheckRules.RequirePassesAsync(OneDump.View(), numbered, "/", "test -d {}", Limit, NoSandbox, default)))
            .Found.ShouldStartWith("/ is not a restored file or a directory holding one");
    }

    [Test]
    public async Task A_directory_with_no_restored_file_checks_nothing_and_is_refused()
    {
        await using var files = await RestoredFixture.CreateAsync();
        Directory.CreateDirectory(Path.Combine(files.Area.Path, "empty"));
        var whole = AmandaRestoredWhole.Of(OneDump.Dump, files, "");
        (await RefusedAsync(() => DataCheckRules.RequirePassesAsync(OneDump.View(), whole, "empty", "test -d {}", Limit, NoSandbox, default)))
            .Found.ShouldBe("empty holds no restored regular file: the command would check nothing");
    }

    [Test]
    public async Task A_path_a_listed_whole_restore_does_not_list_is_refused()
    {
        var source = new MemorySource();
        source.Add(DateTimeOffset.UtcNow, ("f", "abc"));
        var view = new BackupInView(source, SnapshotChoice.Latest, "memory transcript");
        await using var whole = await WholeRestoreRules.RestoreWholeAsync(view, () => new TemporaryArea(), new WholeRestoreLimit(1024, "LIMIT"), default);
        await System.IO.File.WriteAllTextAsync(Path.Combine(whole.Root, "extra"), "not backed up");
        (await RefusedAsync(() => DataCheckRules.RequirePassesAsync(view, whole, "extra", "grep -q . {}", Limit, NoSandbox, default)))
            .Found.ShouldBe("/extra is not in the snapshot's listing");
    }

    [Test]
    public async Task An_area_no_longer_the_one_made_is_never_read()
    {
        var area = new TemporaryArea();
        var gone = new RestoredSet(OneDump.Dump, area, [File("x", System.Text.Encoding.UTF8.GetBytes(area.Path + "/x"))], null);
        Directory.Delete(area.Path, recursive: true);
        await RefusedAsync(() => DataCheckRules.RequirePassesAsync(OneDump.View(), gone, "x", "grep -q . {}", Limit, NoSandbox, default), FailureCategory.RestoreFailed);
    }
}
