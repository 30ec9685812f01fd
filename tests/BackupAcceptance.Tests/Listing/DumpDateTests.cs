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
        // amindexd compares as many characters as it is given: a padded 00-00-00 would drop that day's dumps.
        DumpDate.Parse(typed).SetDateArgument.ShouldBe(argument);
}
