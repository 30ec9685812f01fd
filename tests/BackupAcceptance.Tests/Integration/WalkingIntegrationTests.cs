using System.Diagnostics;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>Full walks with exact counts, and seeded sampling with estimates, on the real fixture.</summary>
[Category("Integration")]
public sealed class WalkingIntegrationTests : RealAmandaSessionFixture
{
    [Test]
    [Category("Slow")] // walks 2,000 directories through one amrecover session: CI runs it (./run.sh test --all)
    public async Task A_full_walk_of_the_big_disk_counts_exactly_what_find_counts()
    {
        var live = FoundTree.Read(RealAmanda.Disk("big"));
        await Session.SetDiskAsync(RealAmanda.Disk("big"), CancellationToken.None);
        int files = 0, directories = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var entry in new DiskWalker(Session, RealAmanda.Disk("big")).WalkAsync(CancellationToken.None))
            if (entry.IsDirectory) directories++; else files++;

        TestContext.Out.WriteLine($"walked {directories} directories and {files} files in {clock.Elapsed.TotalSeconds:0.0} s, one session");
        (files, directories).ShouldBe((live.Files.Count, live.Directories.Count));
        (files, directories).ShouldBe((20_000, 2_000));
    }

    [Test]
    public async Task Sampling_the_big_disk_estimates_its_file_count_from_a_few_directories()
    {
        var result = await new SamplingWalker(Session, RealAmanda.Disk("big")).SampleAsync(7, SampleBudget.Directories(40), CancellationToken.None);
        TestContext.Out.WriteLine(result.ToString());

        result.DirectoriesListed.ShouldBeLessThanOrEqualTo(40);
        result.Complete.ShouldBeFalse();
        // Every top directory holds 10 files and 99 subdirectories of 10 files: every probe sees the same tree.
        result.Files.Value.ShouldBe(20_000, tolerance: 0.001);
        result.Directories.Value.ShouldBe(2_000, tolerance: 0.001);
    }

    [Test]
    public async Task Sampling_is_reproducible_from_its_seed_and_its_margin_covers_the_truth()
    {
        var disk = RealAmanda.Disk("oddnames");
        var truth = FoundTree.Read(disk).Files.Count;
        var walker = new SamplingWalker(Session, disk);
        var first = await walker.SampleAsync(42, SampleBudget.Directories(25), CancellationToken.None);
        var again = await walker.SampleAsync(42, SampleBudget.Directories(25), CancellationToken.None);
        TestContext.Out.WriteLine($"{first}; truth {truth}");

        first.Seed.ShouldBe(42);
        (again.Files, again.Directories, again.Probes).ShouldBe((first.Files, first.Directories, first.Probes));
        first.Complete.ShouldBeFalse();
        Math.Abs(first.Files.Value - truth).ShouldBeLessThanOrEqualTo(first.Files.Margin * 2, "a 95% interval, doubled: this seed's sample must not be far off");
    }

    [Test]
    public async Task A_budget_that_covers_the_whole_tree_gives_exact_counts()
    {
        var disk = RealAmanda.Disk("oddnames");
        var live = FoundTree.Read(disk);
        var result = await new SamplingWalker(Session, disk).SampleAsync(1, SampleBudget.Directories(10_000), CancellationToken.None);

        result.Complete.ShouldBeTrue();
        result.Files.ShouldBe(Estimate.Counted(live.Files.Count));
        result.Directories.ShouldBe(Estimate.Counted(live.Directories.Count));
    }

    [Test]
    public async Task A_time_budget_stops_the_sample()
    {
        var clock = Stopwatch.StartNew();
        var result = await new SamplingWalker(Session, RealAmanda.Disk("big")).SampleAsync(3, SampleBudget.Duration(TimeSpan.FromSeconds(1)), CancellationToken.None);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        result.Probes.ShouldBeGreaterThan(0);
    }
}
