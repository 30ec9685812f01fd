using BackupAcceptance.Baseline;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Baseline;

public sealed class DumpScheduleTests
{
    [TestCase(0, 1, 26, 2)]   // a full every run, one run a day (the demo)
    [TestCase(7, 0, 26, 8)]   // runspercycle 0: one run a day
    [TestCase(7, 7, 26, 8)]
    [TestCase(7, 5, 36, 8)]   // weekdays only: 1.4 days between runs
    [TestCase(14, 2, 170, 15)]
    [TestCase(7, -1, 26, 8)]  // -1: Amanda guesses; one run a day
    public void Bounds_follow_the_configuration(int dumpcycle, int runs, int hours, int days)
    {
        var schedule = new DumpSchedule(dumpcycle, runs);
        schedule.LatestDumpHours.ShouldBe(hours);
        schedule.FullDumpDays.ShouldBe(days);
    }
}
