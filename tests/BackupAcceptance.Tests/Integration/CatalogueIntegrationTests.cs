using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>listhost, listdisk, history and setdate against the real index server.</summary>
[Category("Integration")]
public sealed class CatalogueIntegrationTests
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

    [Test]
    public async Task Lists_hosts_and_every_disk_of_the_disklist_dumped_or_not()
    {
        (await _session.ListHostsAsync(CancellationToken.None)).ShouldBe(["localhost"]);
        var disks = await _session.ListDisksAsync(CancellationToken.None);
        disks.ShouldContain("/etc");
        disks.ShouldContain(RealAmanda.Disk("oddnames"));
        disks.ShouldContain(RealAmanda.Disk("notdumped"));
    }

    [Test]
    public async Task History_yields_typed_dump_records_newest_first()
    {
        await _session.SetDiskAsync(RealAmanda.Disk("oddnames"), CancellationToken.None);
        var history = await _session.HistoryAsync(CancellationToken.None);

        history.ShouldNotBeEmpty();
        history.ShouldAllBe(r => r.Level == 0 && r.Storage == "daily" && r.Label.StartsWith("daily-") && r.FileNumber > 0);
        history.Select(r => r.Date).ShouldBeInOrder(SortDirection.Descending);

        await _session.SetDiskAsync(RealAmanda.Disk("notdumped"), CancellationToken.None).ShouldThrowAsync<AmandaReplyException>();
        (await _session.HistoryAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Test]
    public async Task Setdate_selects_an_older_dump_and_refuses_a_date_before_the_first()
    {
        await _session.SetDiskAsync(RealAmanda.Disk("oddnames"), CancellationToken.None);
        var history = await _session.HistoryAsync(CancellationToken.None);
        var oldest = history[^1].Date;
        try
        {
            await _session.SetDateAsync(oldest, CancellationToken.None);
            (await _session.ListAsync(CancellationToken.None)).DumpDate.ShouldBe(oldest);

            var error = await Should.ThrowAsync<AmandaReplyException>(() =>
                _session.SetDateAsync(DumpDate.Parse("2020-01-01"), CancellationToken.None));
            error.Kind.ShouldBe(AmandaErrorKind.NoDump);
            error.Reply.ShouldContain("500 No dumps available on or before date \"2020-01-01\"");
        }
        finally
        {
            await _session.SetDateAsync(new DumpDate(DateTime.Now.AddDays(1)), CancellationToken.None);
        }
    }
}
