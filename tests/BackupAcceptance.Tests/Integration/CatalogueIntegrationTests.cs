using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>listhost, listdisk, history and setdate against the real index server.</summary>
[Category("Integration")]
public sealed class CatalogueIntegrationTests : RealAmandaSessionFixture
{
    [Test]
    public async Task Lists_hosts_and_every_disk_of_the_disklist_dumped_or_not()
    {
        (await Session.ListHostsAsync(CancellationToken.None)).ShouldBe(["localhost"]);
        var disks = await Session.ListDisksAsync(CancellationToken.None);
        disks.ShouldContain("/etc");
        disks.ShouldContain(RealAmanda.Disk("oddnames"));
        disks.ShouldContain(RealAmanda.Disk("notdumped"));
    }

    [Test]
    public async Task History_yields_typed_dump_records_newest_first()
    {
        await Session.SetDiskAsync(RealAmanda.Disk("oddnames"), CancellationToken.None);
        var history = await Session.HistoryAsync(CancellationToken.None);

        history.ShouldNotBeEmpty();
        history.ShouldAllBe(r => r.Level == 0 && r.Storage == "ba-daily" && r.Label.StartsWith("ba-daily-") && r.FirstFileNumber > 0);
        history.Select(r => r.Date).ShouldBeInOrder(SortDirection.Descending);

        await Session.SetDiskAsync(RealAmanda.Disk("notdumped"), CancellationToken.None).ShouldThrowAsync<AmandaReplyException>();
        (await Session.HistoryAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Test]
    public async Task Setdate_selects_an_older_dump_and_refuses_a_date_before_the_first()
    {
        await Session.SetDiskAsync(RealAmanda.Disk("oddnames"), CancellationToken.None);
        var history = await Session.HistoryAsync(CancellationToken.None);
        var oldest = history[^1].Date;
        try
        {
            await Session.SetDateAsync(oldest, CancellationToken.None);
            (await Session.ListAsync(CancellationToken.None)).DumpDate.ShouldBe(oldest);

            var error = await Should.ThrowAsync<AmandaReplyException>(() =>
                Session.SetDateAsync(DumpDate.Parse("2020-01-01"), CancellationToken.None));
            error.Kind.ShouldBe(AmandaErrorKind.NoDump);
            error.Reply.ShouldContain("500 No dumps available on or before date \"2020-01-01\"");
        }
        finally
        {
            await Session.SetDateAsync(new DumpDate(DateTime.Now.AddDays(1)), CancellationToken.None);
        }
    }

    [Test]
    public async Task Pwd_lpwd_and_list_report_where_amrecover_is_and_what_it_will_restore()
    {
        await Session.SetDiskAsync(RealAmanda.Disk("oddnames"), CancellationToken.None);
        (await Session.PrintWorkingDirectoryAsync(CancellationToken.None)).ShouldBe(RealAmanda.Disk("oddnames"));
        await using var area = BackupAcceptance.Amanda.Restoring.RestoreArea.Create();
        await Session.LocalChangeDirectoryAsync(area.Path, CancellationToken.None);
        (await Session.LocalWorkingDirectoryAsync(CancellationToken.None)).ShouldBe(area.Path);

        await Session.ClearAsync(CancellationToken.None);
        var readme = (await Session.ListAsync(CancellationToken.None)).Files.Single(f => f.Name.Display == "README.txt");
        await Session.AddAsync(readme, CancellationToken.None);
        var list = await Session.ListExtractionAsync(CancellationToken.None);
        list.ShouldContain(l => l.StartsWith("TAPE ba-daily:ba-daily-"));
        list.ShouldContain("\t/README.txt");
        await Session.ClearAsync(CancellationToken.None);
        (await Session.ListExtractionAsync(CancellationToken.None)).ShouldBeEmpty();
    }
}
