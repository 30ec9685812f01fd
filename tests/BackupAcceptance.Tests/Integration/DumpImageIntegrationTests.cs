using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Image;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>The state of a real incremental dump, read from its image with amfetchdump: ba-daily's layered disk (a level 0,
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
        newest.Level.ShouldBe(1, "layered's newest dump is a level 1 (provision/disks/ba-daily.tsv)");

        var read = await DumpImage.ReadTreeAsync(RealAmanda.Config, RealAmanda.Host, disk, newest, TimeSpan.FromMinutes(2), CancellationToken.None);

        var tree = read.Tree.ShouldNotBeNull(read.Why);
        var live = Directory.EnumerateFiles(disk, "*", SearchOption.AllDirectories)
            .Select(f => RawPath.Parse(Path.GetRelativePath(disk, f))).ToHashSet();
        tree.Flags.Where(f => f.Value != 'D').Select(f => f.Key).ShouldBe(live, ignoreOrder: true);
        var liveDirectories = Directory.EnumerateDirectories(disk, "*", SearchOption.AllDirectories)
            .Select(d => RawPath.Parse(Path.GetRelativePath(disk, d))).ToHashSet();
        tree.Flags.Where(f => f.Value == 'D').Select(f => f.Key).ShouldBe(liveDirectories, ignoreOrder: true);
        live.ShouldAllBe(f => tree.Of(f, false) == Presence.Present);
    }

    [Test]
    public async Task A_dump_that_does_not_exist_is_a_reason_not_a_tree()
    {
        var record = new DumpRecord(new(new DateTime(2001, 1, 1, 0, 0, 1)), 1, "ba-daily", "ba-daily-01", 1);
        var read = await DumpImage.ReadTreeAsync(RealAmanda.Config, RealAmanda.Host, RealAmanda.Disk("layered"), record, TimeSpan.FromMinutes(2), CancellationToken.None);
        read.Tree.ShouldBeNull();
        read.Corrupt.ShouldBeFalse();
        read.Why.ShouldContain("amfetchdump");
    }

    /// <summary>ba-nightly's bitrot disk: a byte flipped in its vtape file. amfetchdump's CRC check says so, and that
    /// is a damaged dump, not a read that failed here.</summary>
    [Test]
    public async Task An_image_amanda_reads_back_with_another_checksum_is_corrupt()
    {
        RealAmanda.RequireNightly();
        var disk = "/srv/fixtures/nightly/bitrot";
        await using var session = await AmrecoverSession.StartAsync(new AmrecoverOptions(), RealAmanda.NightlyConfig, RealAmanda.Host, CancellationToken.None);
        await session.SetDiskAsync(disk, CancellationToken.None);
        var dump = (await session.HistoryAsync(CancellationToken.None))[0];

        var read = await DumpImage.ReadTreeAsync(RealAmanda.NightlyConfig, RealAmanda.Host, disk, dump, TimeSpan.FromMinutes(2), CancellationToken.None);

        read.Corrupt.ShouldBeTrue(read.Why);
        read.Why.ShouldContain("differ");
    }
}
