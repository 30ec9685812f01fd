using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Tests.Integration;

/// <summary>Random files for a restore without a whole walk (<see cref="RandomDescent"/>), and the rule that picks the
/// way: uniform from a whole count where the index files are here, descent elsewhere.</summary>
[Category("Integration")]
public sealed class RandomPickIntegrationTests
{
    private AmrecoverSession _session = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        RealAmanda.Require();
        _session = await AmrecoverSession.StartAsync(new AmrecoverOptions(), RealAmanda.Config, RealAmanda.Host, CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_session is not null) await _session.DisposeAsync();
    }

    private Task<RandomPicks> PickAsync(string fixture, int count, int seed) =>
        new RandomDescent(_session, RealAmanda.Disk(fixture)).PickAsync(count, seed, CancellationToken.None);

    [Test]
    public async Task Five_files_of_the_big_disk_cost_a_few_directories_not_a_walk()
    {
        var live = FoundTree.Read(RealAmanda.Disk("big"));
        var picks = await PickAsync("big", 5, 20261205);
        picks.Files.Count.ShouldBe(5);
        picks.Files.Distinct().Count().ShouldBe(5);
        foreach (var file in picks.Files) live.Files.ShouldContain(file.ToString());
        picks.DirectoriesListed.ShouldBeLessThanOrEqualTo(1 + 5 * 2); // the root, then two levels per pick at most
        picks.DiskUsedUp.ShouldBeFalse();
        picks.DumpDate.ShouldNotBeNull();
    }

    [Test]
    public async Task A_seed_replays_the_same_files_and_another_seed_picks_others()
    {
        var first = await PickAsync("big", 5, 7);
        (await PickAsync("big", 5, 7)).Files.ShouldBe(first.Files);
        (await PickAsync("big", 5, 8)).Files.ShouldNotBe(first.Files);
    }

    [Test]
    public async Task Asking_for_more_files_than_the_disk_holds_picks_every_file_once()
    {
        // Against a whole walk of the same dump, on a disk with hostile names.
        var disk = RealAmanda.Disk("oddnames");
        await _session.SetDiskAsync(disk, CancellationToken.None);
        var walked = new List<string>();
        await foreach (var entry in new DiskWalker(_session, disk).WalkAsync(CancellationToken.None))
            if (!entry.IsDirectory) walked.Add(Convert.ToHexString(entry.Path.ToBytes()));
        var picks = await PickAsync("oddnames", walked.Count + 50, 1);
        picks.DiskUsedUp.ShouldBeTrue();
        picks.Files.Select(f => Convert.ToHexString(f.ToBytes())).Order(StringComparer.Ordinal).ShouldBe(walked.Order(StringComparer.Ordinal));
    }

    [Test]
    public async Task A_hollow_disk_yields_no_pick_after_listing_every_directory()
    {
        var picks = await PickAsync("hollow", 3, 1);
        picks.Files.ShouldBeEmpty();
        picks.DiskUsedUp.ShouldBeTrue();
        picks.DirectoriesListed.ShouldBe(FoundTree.Read(RealAmanda.Disk("hollow")).Directories.Count + 1);
    }

    private static async Task<RestoredFiles> RestoreAsync(string fixture, IndexFilesMode indexFiles, int count = 3, int seed = 11)
    {
        await using var pool = new SessionPool(new AmrecoverOptions())
            { Walking = WalkSettings.Default with { IndexFiles = indexFiles, Cache = null } };
        await using var lease = await pool.RentAsync(new BackupTarget(RealAmanda.Config, RealAmanda.Host, RealAmanda.Disk(fixture)), CancellationToken.None);
        return await RestoreCheck.RestoreRandomFilesAsync(lease, count, seed, CancellationToken.None);
    }

    [Test]
    public async Task Without_index_files_a_restore_picks_by_descent_and_restores_real_files()
    {
        await using var restored = await RestoreAsync("big", IndexFilesMode.Off);
        restored.ChosenHow.ShouldNotBeNull().ShouldContain("random descent");
        restored.Files.Count.ShouldBe(3);
        foreach (var file in restored.Files) File.Exists(Path.Combine(restored.Area.Path, file.ToString().TrimStart('/'))).ShouldBeTrue();
    }

    [Test]
    public async Task With_index_files_a_restore_draws_from_the_whole_count()
    {
        await using var restored = await RestoreAsync("big", IndexFilesMode.Auto);
        restored.ChosenHow.ShouldNotBeNull().ShouldContain("drawn from all 20000 files");
    }

    [Test]
    public async Task A_hollow_disk_fails_a_restore_by_descent_as_hollow()
    {
        var failure = await Should.ThrowAsync<ExpectationFailedException>(() => RestoreAsync("hollow", IndexFilesMode.Off));
        failure.Category.ShouldBe(FailureCategory.HollowBackup);
    }
}
