using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>Rules of the data checks that a real fixture cannot show on demand: a restore that "succeeded" without
/// bringing a file back, and a live directory that cannot be counted.</summary>
public sealed class RestoreAndLiveRuleTests
{
    [Test]
    public async Task A_file_missing_from_the_restore_area_fails_even_when_extract_said_nothing_wrong()
    {
        await using var area = RestoreArea.Create();
        await File.WriteAllTextAsync(Path.Combine(area.Path, "here.txt"), "restored");
        var target = new BackupTarget("ba-daily", "localhost", "/srv/x");

        Should.NotThrow(() => RestoreCheck.RequireAllRestored(target, [RawPath.Parse("here.txt")], area, null, Extract("./here.txt"), ""));
        var failure = Should.Throw<ExpectationFailedException>(() =>
            RestoreCheck.RequireAllRestored(target, [RawPath.Parse("here.txt"), RawPath.Parse("gone.txt")], area, null, Extract("./here.txt"), ""));

        failure.Category.ShouldBe(FailureCategory.RestoreMismatch);
        failure.Expected.ShouldBe("2 files restored into the private area");
        failure.Found.ShouldStartWith("1 not restored: /gone.txt (");
    }

    [Test]
    public async Task A_symbolic_link_restored_as_a_link_is_restored()
    {
        // amrecover lists a link as a file and tar restores it as a link: opening it (O_NOFOLLOW) would call it missing,
        // a false red on any real tree (found on a copy of /usr/include: pnglibconf.h).
        await using var area = RestoreArea.Create();
        File.CreateSymbolicLink(Path.Combine(area.Path, "pnglibconf.h"), "libpng16/pnglibconf.h");
        var target = new BackupTarget("ba-real", "localhost", "/srv/fixtures/real/include");

        Should.NotThrow(() => RestoreCheck.RequireAllRestored(target, [RawPath.Parse("pnglibconf.h")], area, null, Extract("./pnglibconf.h"), ""));
    }

    [Test]
    public async Task A_full_restore_area_is_a_broken_restore_even_when_every_file_is_there()
    {
        await using var area = RestoreArea.Create();
        await File.WriteAllTextAsync(Path.Combine(area.Path, "here.txt"), ""); // tar leaves the file behind, empty
        var target = new BackupTarget("ba-daily", "localhost", "/srv/x");

        var failure = Should.Throw<ExpectationFailedException>(() => RestoreCheck.RequireAllRestored(target, [RawPath.Parse("here.txt")], area, null,
            Extract("./here.txt", "tar: ./here.txt: Cannot write: No space left on device"), ""));

        failure.Category.ShouldBe(FailureCategory.RestoreFailed);
        failure.Message.ShouldStartWith("Restore failed: ba-daily localhost:/srv/x");
        failure.Found.ShouldContain("the restore area is full (\"tar: ./here.txt: Cannot write: No space left on device\")");
        failure.Found.ShouldContain("KiB free of");
    }

    [Test] // review: tar's "./name" lines and a complaint that lost nothing must not turn a good restore into a broken one
    public async Task Every_file_there_is_good_whatever_the_file_names_or_a_harmless_complaint_say()
    {
        await using var area = RestoreArea.Create();
        await File.WriteAllTextAsync(Path.Combine(area.Path, "Permission denied"), "x");
        var target = new BackupTarget("ba-daily", "localhost", "/srv/x");

        Should.NotThrow(() => RestoreCheck.RequireAllRestored(target, [RawPath.Parse("Permission denied")], area, null,
            Extract("./Permission denied", "tar: ./Permission denied: Cannot change ownership to uid 0: Permission denied"), ""));
    }

    [Test] // review: "Got no header" for a lost tape is the backup's fault wherever amidxtaped's reason is not readable
    public async Task Missing_files_after_nothing_from_the_tape_server_stay_the_backups_fault()
    {
        await using var area = RestoreArea.Create();
        var target = new BackupTarget("no-such-config-here", "localhost", "/srv/x");

        var failure = Should.Throw<ExpectationFailedException>(() => RestoreCheck.RequireAllRestored(target, [RawPath.Parse("a.txt")], area, null,
            Extract("Got no header and data from server, check in amidxtaped.*.debug and amandad.*.debug files on server"), ""));

        failure.Category.ShouldBe(FailureCategory.RestoreMismatch);
        failure.Found.ShouldContain("its reason is not readable here");
    }

    private static ExtractReport Extract(string output, string stderr = "") => new(output, [output], stderr);

    [Test]
    public async Task A_live_directory_without_a_readable_DLE_is_a_suite_defect_not_zero_files()
    {
        var target = new BackupTarget("no-such-config-" + Guid.NewGuid().ToString("N")[..8], "localhost", "/nonexistent");

        var failure = await Should.ThrowAsync<ExpectationFailedException>(() =>
            LiveComparisonCheck.ReadLiveAsync(target, null, "the live count", CancellationToken.None));

        failure.Category.ShouldBe(FailureCategory.SuiteDefect);
        failure.Found.ShouldContain("it cannot be read here");
    }
}
