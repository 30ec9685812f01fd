using BackupAcceptance.Amanda.Listing;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Listing;

public sealed class DumpDateTests
{
    [Test]
    public void Round_trips_amrecovers_format()
    {
        var date = DumpDate.Parse("2026-11-26-20-09-55");
        date.Value.ShouldBe(new DateTime(2026, 11, 26, 20, 9, 55));
        date.ToString().ShouldBe("2026-11-26-20-09-55");
    }

    [TestCase("2026-11-26")]
    [TestCase("20261126200955")]
    public void Accepts_the_other_forms_amanda_prints(string text) => DumpDate.TryParse(text, out _).ShouldBeTrue();

    [TestCase("bogus")]
    [TestCase("2026-13-01")]
    [TestCase("")]
    public void Rejects_what_amrecover_would_reject(string text) => DumpDate.TryParse(text, out _).ShouldBeFalse();

    [TestCase("2026-11-25", "2026-11-25")]
    [TestCase("2026-11-25-20-09", "2026-11-25-20-09")]
    [TestCase("2026-11-25-20-09-55", "2026-11-25-20-09-55")]
    public void Setdate_gets_the_precision_the_date_was_written_with(string typed, string argument) =>
        // A day must stay a day (padded to 00-00-00 it would drop that day's dumps); amrecover pads a minute itself.
        DumpDate.Parse(typed).SetDateArgument.ShouldBe(argument);

    // Observed on Amanda 3.5.1 (dumps of layered at 14:23:33, 14:24:18, 14:24:36): which dumps setdate takes in.
    [TestCase("2026-12-06-14-24", "2026-12-06-14-23-33", true)]
    [TestCase("2026-12-06-14-24", "2026-12-06-14-24-18", false)]
    [TestCase("2026-12-06-14-24", "2026-12-06-14-24-00", true)]
    [TestCase("2026-12-06-14-23", "2026-12-06-14-23-33", false)]
    [TestCase("2026-12-06", "2026-12-06-14-24-36", true)]
    [TestCase("2026-12-06", "2026-12-06-23-59-59", true)]
    [TestCase("2026-12-06", "2026-12-07-00-00-00", false)]
    [TestCase("2026-12-06-14-24-18", "2026-12-06-14-24-18", true)]
    [TestCase("2026-12-06-14-24-18", "2026-12-06-14-24-19", false)]
    public void A_working_date_admits_the_dumps_amrecover_takes_in(string working, string dump, bool admitted) =>
        DumpDate.Parse(working).Admits(DumpDate.Parse(dump)).ShouldBe(admitted);
}
