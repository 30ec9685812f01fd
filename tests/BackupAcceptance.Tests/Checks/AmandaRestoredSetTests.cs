using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Tests.Checks.Secrecy;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>Files amrecover restored, as the core sees them: their size and modification time are the restored file's
/// own (the index holds neither), a link is not a file restored, and an area swapped after the restore is never read.</summary>
public sealed class AmandaRestoredSetTests
{

    [Test]
    public async Task Each_entry_is_the_restored_file_as_tar_wrote_it()
    {
        var files = await RestoredFixture.CreateAsync("canary.txt", "canary 2026\n");
        var written = new DateTime(2026, 12, 5, 23, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Path.Combine(files.Area.Path, "canary.txt"), written);

        await using var restored = AmandaRestoredSet.Of(OneDump.Dump, files, "");

        var entry = restored.Files.ShouldHaveSingleItem().Entry;
        entry.ShouldBe(new TreeEntry("canary.txt", EntryKind.RegularFile, 12, new DateTimeOffset(written)));
        (restored.Snapshot, restored.Amanda).ShouldBe((OneDump.Dump, files));
        var stale = Should.Throw<CheckFailedException>(() => RestoreRules.RequireNoOlderThan(OneDump.View(), restored, TimeSpan.FromHours(1), OneDump.Dump.Time));
        stale.Category.ShouldBe(FailureCategory.StaleBackup);
        stale.Found.ShouldContain("it was last modified 13 hours ago (2026-12-05 23:00:00Z)");
    }

    [Test]
    public async Task A_link_is_restored_as_a_link_and_has_no_content_to_match()
    {
        await using var linked = await RestoredFixture.LinkAsync("shadow", "/etc/shadow");

        var restored = AmandaRestoredSet.Of(OneDump.Dump, linked, "");

        restored.Files.ShouldHaveSingleItem().Entry.Kind.ShouldBe(EntryKind.Other);
        var failure = await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RequireContentMatchesAsync(OneDump.View(), restored, "^root:", CancellationToken.None));
        failure.Category.ShouldBe(FailureCategory.InputError);
        failure.Found.ShouldBe("it was restored as a link or special file: it has no content of its own");
    }

    [Test]
    public async Task Files_of_another_dump_than_the_one_chosen_are_a_suite_defect()
    {
        await using var files = await RestoredFixture.CreateAsync();
        var chosen = new Snapshot("2026-12-07-12-00-00", OneDump.Dump.Time.AddDays(1));
        Should.Throw<ExpectationFailedException>(() => AmandaRestoredSet.Of(chosen, files, "")).Category.ShouldBe(FailureCategory.SuiteDefect);
    }

    [Test]
    public async Task A_whole_disk_of_another_dump_than_the_one_chosen_is_a_suite_defect()
    {
        await using var files = await RestoredFixture.CreateAsync();
        var whole = AmandaRestoredWhole.Of(OneDump.Dump, files, "");
        (whole.Snapshot, whole.Amanda, whole.Root).ShouldBe((OneDump.Dump, files, files.Area.Path));
        var chosen = new Snapshot("2026-12-07-12-00-00", OneDump.Dump.Time.AddDays(1));
        Should.Throw<ExpectationFailedException>(() => AmandaRestoredWhole.Of(chosen, files, "")).Category.ShouldBe(FailureCategory.SuiteDefect);
    }

    [Test]
    public async Task A_link_has_no_age_of_its_own_to_judge()
    {
        await using var linked = await RestoredFixture.LinkAsync("canary", "/etc/hostname");
        var restored = AmandaRestoredSet.Of(OneDump.Dump, linked, "");
        Should.Throw<CheckFailedException>(() => RestoreRules.RequireNoOlderThan(OneDump.View(), restored, TimeSpan.FromDays(9999), DateTimeOffset.UtcNow))
            .Category.ShouldBe(FailureCategory.InputError);
    }

    [Test]
    public async Task A_file_that_did_not_land_is_a_restore_mismatch_naming_the_disk_and_dump()
    {
        await using var files = await RestoredFixture.CreateAsync("placeholder");
        var absent = new RestoredFiles(files.Target, files.DumpDate, null, [Amanda.Text.RawPath.Parse("shadow")], files.Area);

        var failure = Should.Throw<ExpectationFailedException>(() => AmandaRestoredSet.Of(OneDump.Dump, absent, "amrecover> "));

        failure.Category.ShouldBe(FailureCategory.RestoreMismatch);
        failure.Message.ShouldStartWith("Restore mismatch: ba-daily localhost:/etc (dump 2026-12-06-12-00-00): expected /shadow in the restore area");
    }

    [Test]
    public async Task An_area_swapped_after_the_restore_is_not_read()
    {
        var files = await RestoredFixture.CreateAsync();
        await using var restored = AmandaRestoredSet.Of(OneDump.Dump, files, "");
        var moved = files.Area.Path + ".away";
        Directory.Move(files.Area.Path, moved);
        Directory.CreateDirectory(files.Area.Path);
        await File.WriteAllTextAsync(Path.Combine(files.Area.Path, "shadow"), "planted\n");
        try
        {
            var failure = await Should.ThrowAsync<CheckFailedException>(() =>
                RestoreRules.RequireContentMatchesAsync(OneDump.View(), restored, "^planted", CancellationToken.None));
            failure.Category.ShouldBe(FailureCategory.RestoreFailed);
            failure.Message.ShouldStartWith("Restore failed: ba-daily localhost:/etc (dump 2026-12-06-12-00-00): expected the restore area ");
            failure.Found.ShouldContain("is not the directory the suite made");
        }
        finally
        {
            Directory.Delete(moved, recursive: true);
        }
    }
}
