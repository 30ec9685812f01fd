using BackupAcceptance.Expectations;
using NUnit.Framework;
using Shouldly;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Tests.Walks;

public sealed class WalkProgressTests
{
    [Test]
    public void Shows_each_walk_in_flight_and_forgets_it_when_it_ends()
    {
        var progress = new WalkProgress();
        progress.Line().ShouldBe("");
        using (var walk = progress.Begin(new BackupTarget("ba-daily", "localhost", "/big")))
        {
            walk.Saw(isDirectory: true);
            walk.Saw(isDirectory: false);
            walk.Saw(isDirectory: false);
            progress.Line().ShouldStartWith("walking ba-daily localhost:/big: 1 dirs, 2 files, ");
        }
        progress.Line().ShouldBe("");
        default(WalkProgress.Handle).Saw(true); // nobody follows: no error
    }
}
