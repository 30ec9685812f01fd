using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Image;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>The state of a real incremental dump, read from its image with amfetchdump: daily's layered disk (a level 0,
/// then two level 1 dumps with files added, changed and deleted in between) has not changed since its last dump, so
/// its state must be exactly the live tree, while amrecover's merged listing also holds what was deleted.</summary>
[Category("Integration")]
public sealed class DumpImageIntegrationTests : RealAmandaSessionFixture
{
    [Test]
    public async Task The_latest_level_1_records_exactly_the_live_tree()
    {
        var disk = RealAmanda.Disk("layered");
        await Session.SetDiskAsync(disk, CancellationToken.None);
        var history = await Session.HistoryAsync(CancellationToken.None);
        var newest = history[0];
        newest.Level.ShouldBe(1, "layered's newest dump is a level 1 (provision/disks/daily.tsv)");

        var (tree, why) = await DumpImage.ReadTreeAsync(RealAmanda.Config, RealAmanda.Host, disk, newest, TimeSpan.FromMinutes(2), CancellationToken.None);

        tree.ShouldNotBeNull(why);
        var live = Directory.EnumerateFiles(disk, "*", SearchOption.AllDirectories)
            .Select(f => RawPath.Parse(Path.GetRelativePath(disk, f))).ToHashSet();
        tree.Files.ShouldBe(live, ignoreOrder: true);
        var liveDirectories = Directory.EnumerateDirectories(disk, "*", SearchOption.AllDirectories)
            .Select(d => RawPath.Parse(Path.GetRelativePath(disk, d))).Append(RawPath.Root).ToHashSet();
        tree.Directories.ShouldBe(liveDirectories, ignoreOrder: true);
    }

    [Test]
    public async Task A_dump_that_does_not_exist_is_a_reason_not_a_tree()
    {
        var record = new DumpRecord(new(new DateTime(2001, 1, 1, 0, 0, 1)), 1, "daily", "daily-01", 1);
        var (tree, why) = await DumpImage.ReadTreeAsync(RealAmanda.Config, RealAmanda.Host, RealAmanda.Disk("layered"), record, TimeSpan.FromMinutes(2), CancellationToken.None);
        tree.ShouldBeNull();
        why.ShouldContain("amfetchdump");
    }
}
