using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Sessions;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>Which disks the catalogue alone may answer for (<see cref="EstateScreen.Dumps"/>), and which audit notes
/// let the screen rely on the dump user's access.</summary>
public sealed class EstateScreenRulesTests
{
    private static readonly DateTime EndOfToday = new(2026, 12, 8);

    private static DumpCatalogue Catalogue(string lines) => DumpCatalogue.Parse(lines).Catalogue.ShouldNotBeNull();

    private static BackupTarget Disk(string disk) => new("ba-daily", "localhost", disk);

    [Test]
    public void A_disk_with_whole_dumps_up_to_today_is_screened()
    {
        var catalogue = Catalogue("2026-12-07 23:59:59 localhost /etc 0 ba-daily ba-daily ba-daily-01 15 1/1 OK\n");
        EstateScreen.Dumps(catalogue, Disk("/etc"), EndOfToday).ShouldNotBeNull().Count.ShouldBe(1);
    }

    [Test]
    public void A_dump_dated_tomorrow_is_left_to_amrecover_and_its_clock_check()
    {
        var catalogue = Catalogue("2026-12-08 00:00:01 localhost /etc 0 ba-daily ba-daily ba-daily-01 15 1/1 OK\n" +
                                  "2026-12-07 01:00:00 localhost /etc 0 ba-daily ba-daily ba-daily-01 14 1/1 OK\n");
        EstateScreen.Dumps(catalogue, Disk("/etc"), EndOfToday).ShouldBeNull();
    }

    [Test]
    public void A_disk_without_a_dump_or_with_an_unclear_one_is_left_to_amrecover()
    {
        var catalogue = Catalogue("2026-12-07 01:00:00 localhost /etc 0 ba-daily ba-daily ba-daily-01 14 1/2 OK\n" +
                                  "2026-12-07 01:00:00 localhost /etc 0 ba-daily ba-daily ba-daily-01 15 2/2 OK FAIL Missing part\n");
        EstateScreen.Dumps(catalogue, Disk("/etc"), EndOfToday).ShouldBeNull("unclear");
        EstateScreen.Dumps(catalogue, Disk("/srv"), EndOfToday).ShouldBeNull("no dump");
    }

    [Test]
    public void Only_an_audit_that_checked_the_dump_user_s_access_lets_the_screen_rely_on_it()
    {
        IndexAudit.ConfirmsAccess("1 index file(s) in /x passed gzip -t; the dump user backup can read them (owner, group and mode; ACLs not read)")
            .ShouldBeTrue();
        IndexAudit.ConfirmsAccess("1 index file(s) in /x passed gzip -t; the dump user's access not checked (amgetconf failed)").ShouldBeFalse();
        IndexAudit.ConfirmsAccess("index files not checked (no index directory); through amrecover alone a cut-short index looks like a smaller dump")
            .ShouldBeFalse();
    }
}
