using BackupAcceptance.Expectations.Checks;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>The percentage rule of both count comparisons, at its bounds: exactly the percentage passes, past it fails.</summary>
public sealed class CountChangeTests
{
    [TestCase(90, 100, 10, true)]    // -10% exactly
    [TestCase(89, 100, 10, false)]   // -11%
    [TestCase(110, 100, 10, true)]   // +10% exactly
    [TestCase(111, 100, 10, false)]  // +11%
    [TestCase(50, 100, 50, true)]
    [TestCase(50, 100, 49, false)]
    [TestCase(100, 50, 100, true)]
    [TestCase(100, 50, 99, false)]
    [TestCase(7, 7, 0, true)]
    [TestCase(8, 7, 0, false)]
    [TestCase(1, 0, 99, false)]      // from nothing to something is +100%
    [TestCase(1, 0, 100, true)]
    public void Within_includes_its_bound_and_nothing_past_it(int count, int reference, int percent, bool within) =>
        new CountChange(count, reference).IsWithin(percent).ShouldBe(within);

    [TestCase(50, 100, "-50%")]
    [TestCase(100, 50, "+100%")]
    [TestCase(10, 10, "0%")]
    [TestCase(91, 100, "-9%")]
    [TestCase(1091, 1000, "+9.1%")]
    public void The_change_reads_with_its_sign(int count, int reference, string text) =>
        new CountChange(count, reference).ToString().ShouldBe(text);
}
