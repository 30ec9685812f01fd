using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>"The disk can be restored within N hours" through the real suite: the big disk's estimate rests on two
/// timed restores of a level 0 file and the server's record of the chain's size, and passes an hour; a bound of 0
/// fails as Recovery too slow with the whole estimate; a layered disk's chain counts its level 1 too.</summary>
[Category("Integration")]
public sealed class RecoveryTimeIntegrationTests
{
    [Test]
    public async Task A_full_restore_is_estimated_from_timed_restores_and_the_dumps_size()
    {
        RealAmanda.Require();
        var work = Directory.CreateTempSubdirectory("ba-recovery-time-").FullName;
        try
        {
            var feature = Path.Combine(work, "rto.feature");
            await File.WriteAllTextAsync(feature, """
                Feature: Recovery times

                  Scenario: big within an hour
                    Given ba-daily config for localhost /srv/fixtures/big
                    Then the disk can be restored within 1 hours

                  Scenario: big at once
                    Given ba-daily config for localhost /srv/fixtures/big
                    Then the disk can be restored within 0 hours

                  Scenario: layered within an hour
                    Given ba-daily config for localhost /srv/fixtures/layered
                    Then the disk can be restored within 1 hours
                """);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var run = await SuiteRunner.RunAsync(feature, null, timeout.Token);


            run.Status("big within an hour").ShouldBe("passed", run.Console);
            var big = run.StepAttachment("big within an hour", "recovery time");
            big.ShouldMatch(@"^estimated full restore: [\d.]+ to [\d.]+ s \(1 dump\(s\) of the chain, [\d,]+ KiB stored, [\d,]+ KiB written\); throughput [\d,]+ to [\d,]+ KiB/s, from 2 timed restores of /t\d+/");
            big.ShouldContain("which streams the chain's images up to it");
            big.ShouldContain("Not measured: writing every file");

            run.Status("big at once").ShouldBe("failed");
            run.Message("big at once").ShouldStartWith("Recovery too slow: ba-daily localhost:/srv/fixtures/big");
            run.Message("big at once").ShouldContain("expected a full restore within 0 hours; found estimated full restore: ");

            run.Status("layered within an hour").ShouldBe("passed", run.Message("layered within an hour"));
            run.StepAttachment("layered within an hour", "recovery time").ShouldContain("(2 dump(s) of the chain,");
            run.Living("amrecover").ShouldBeEmpty("no amrecover of the run left running");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
