using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Tests.Integration;

/// <summary>"The backup contains at least one file" on its good fixtures and on each negative control.</summary>
[Category("Integration")]
public sealed class FileCountCheckIntegrationTests
{
    private SessionPool _pool = null!;

    [OneTimeSetUp]
    public void RequireAmanda()
    {
        RealAmanda.Require();
        _pool = new SessionPool(new AmrecoverOptions());
    }

    [OneTimeTearDown]
    public async Task DisposePoolAsync()
    {
        if (_pool is not null) await _pool.DisposeAsync();
    }

    private async Task<WalkSummary> CheckAsync(string disk, int minimum = 1)
    {
        var target = new BackupTarget(RealAmanda.Config, RealAmanda.Host, disk);
        await using var lease = await _pool.RentAsync(target, CancellationToken.None);
        return await FileCountCheck.RequireFilesAsync(lease, minimum, CancellationToken.None);
    }

    [Test]
    public async Task A_large_minimum_counts_the_whole_disk_and_passes_at_exactly_its_files()
    {
        var live = FoundTree.Read(RealAmanda.Disk("big"));
        var summary = await CheckAsync(RealAmanda.Disk("big"), live.Files.Count);
        summary.Complete.ShouldBeTrue();
        summary.Files.ShouldBe(live.Files.Count);
        summary.Directories.ShouldBe(live.Directories.Count);
        _pool.Walks.ShouldContain(w => w.Target.Disk == RealAmanda.Disk("big"), "a minimum above 1,000 takes the whole count");
    }

    [Test]
    public async Task A_large_minimum_one_file_more_than_the_disk_holds_fails_with_the_exact_count()
    {
        var live = FoundTree.Read(RealAmanda.Disk("big"));
        var error = await Should.ThrowAsync<ExpectationFailedException>(() => CheckAsync(RealAmanda.Disk("big"), live.Files.Count + 1));
        error.Category.ShouldBe(FailureCategory.TooFewFiles, "files were found: hollow is for none at all");
        error.Message.ShouldContain($"expected at least {live.Files.Count + 1} files");
        error.Message.ShouldContain($"found {live.Files.Count} files in {live.Directories.Count} directories below the root (the whole disk was walked)");
    }

    [Test]
    public async Task Directories_amrecover_cannot_enter_are_counted_from_the_index_files_and_not_one_file_more()
    {
        // randomnames holds directories below names with ' ` < > that amrecover 3.5.1 cannot enter: a walk through it
        // falls short, so the whole count (index files, on the server) decides, exactly at the live tree's files
        // (counted by find: .NET would merge names that are not UTF-8).
        var (files, _) = await FoundTree.CountAsync(RealAmanda.Disk("randomnames"));
        var summary = await CheckAsync(RealAmanda.Disk("randomnames"), files);
        summary.Files.ShouldBe(files);
        var error = await Should.ThrowAsync<ExpectationFailedException>(() => CheckAsync(RealAmanda.Disk("randomnames"), files + 1));
        error.Category.ShouldBe(FailureCategory.TooFewFiles);
        error.Message.ShouldContain($"found {files} files");
    }

    [TestCase("/etc")]
    [TestCase("/srv/fixtures/oddnames")]
    public async Task Passes_on_a_disk_with_files(string disk)
    {
        var summary = await CheckAsync(disk);
        summary.Files.ShouldBe(1);
        summary.Complete.ShouldBeFalse(); // stopped at the first file
        summary.DumpDate.ShouldNotBeNull();
    }

    [Test]
    public async Task Fails_on_a_hollow_disk_naming_what_it_walked()
    {
        var error = await Should.ThrowAsync<ExpectationFailedException>(() => CheckAsync(RealAmanda.Disk("hollow")));
        error.Category.ShouldBe(FailureCategory.HollowBackup);
        error.DumpDate.ShouldNotBeNull();
        error.Message.ShouldStartWith($"Hollow backup: ba-daily localhost:/srv/fixtures/hollow (dump {error.DumpDate}): expected at least 1 file");
        error.Message.ShouldContain("found 0 files in 7 directories below the root (the whole disk was walked)");
        error.Message.ShouldContain("amrecover transcript");
        error.TranscriptTail.ShouldContain("amrecover> ls");
    }

    [Test]
    public async Task Fails_on_an_empty_disk()
    {
        var error = await Should.ThrowAsync<ExpectationFailedException>(() => CheckAsync(RealAmanda.Disk("empty")));
        error.Category.ShouldBe(FailureCategory.HollowBackup);
        error.Message.ShouldContain("ba-daily localhost:/srv/fixtures/empty");
        error.Message.ShouldContain("found 0 files in 0 directories");
    }

    [Test]
    public async Task Fails_on_a_disk_that_was_never_dumped()
    {
        var error = await Should.ThrowAsync<ExpectationFailedException>(() => CheckAsync(RealAmanda.Disk("notdumped")));
        error.Category.ShouldBe(FailureCategory.StaleBackup);
        error.Message.ShouldStartWith("Stale backup: ba-daily localhost:/srv/fixtures/notdumped (no dump): expected a dump of the disk; found none (500 No dumps available on or before date \"");
    }

    [Test]
    public async Task An_unknown_disk_is_a_misconfiguration_not_a_pass()
    {
        var error = await Should.ThrowAsync<ExpectationFailedException>(() => CheckAsync("/srv/not-in-disklist"));
        error.Category.ShouldBe(FailureCategory.AmandaUnreachable);
        error.Message.ShouldContain("501 Disk localhost:/srv/not-in-disklist is not in the server's disklist.");
    }

    [Test]
    public async Task Checks_reuse_one_session_per_disk()
    {
        var before = _pool.Started;
        await CheckAsync("/etc");
        await CheckAsync("/etc");
        (_pool.Started - before).ShouldBeLessThanOrEqualTo(1);
    }
}
