using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Session;

/// <summary><c>history</c> of a disk whose dump was split into parts on tape, and of one left on the holding disk:
/// every dump is read, none makes the disk's scenarios broken.</summary>
public sealed class HistoryOfSplitDumpsTests
{
    [Test]
    public async Task History_reads_split_and_holding_disk_dumps()
    {
        var marker = "fake-amrecover-child-" + Guid.NewGuid().ToString("N")[..12];
        await using var session = await BackupAcceptance.Amanda.Session.AmrecoverSession.StartAsync(
            FakeAmrecover.Options("normal", marker), "ba-daily", "localhost", CancellationToken.None);

        var history = await session.HistoryAsync(CancellationToken.None);

        history.Select(d => $"{d.Date} {d.Level} {d.Label}").ShouldBe([
            "2026-12-06-14-00-00 1 /srv/amanda/holding/ba-daily/20261206140000/localhost._srv_fixtures_big.1",
            "2026-12-06-13-09-01 0 ba-nightly-03",
            "2026-11-26-20-09-55 0 ba-daily-02",
        ]);
    }
}
