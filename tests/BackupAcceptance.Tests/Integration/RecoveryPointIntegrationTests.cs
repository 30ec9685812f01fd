using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>"The newest restorable version of X is no older than N hours" through the real suite: in the layered chain
/// files changed or not are dated by the latest level 1 (GNU tar's incremental index lists both); the "aged"
/// configuration (dumped under faketime ten days back, provision/aged.sh) fails a 24-hour bound; a path in no dump is
/// a missing path; a negative bound is an input error.</summary>
[Category("Integration")]
public sealed class RecoveryPointIntegrationTests
{
    [Test]
    public async Task The_recovery_point_is_the_dump_a_restore_would_read()
    {
        RealAmanda.Require();
        var work = Directory.CreateTempSubdirectory("ba-recovery-point-").FullName;
        try
        {
            var feature = Path.Combine(work, "rpo.feature");
            await File.WriteAllTextAsync(feature, """
                Feature: Recovery points

                  Scenario: unchanged since the full dump
                    Given ba-daily config for localhost /srv/fixtures/layered
                    Then the newest restorable version of "base0/file03.txt" is no older than 26 hours

                  Scenario: changed before the latest incremental
                    Given ba-daily config for localhost /srv/fixtures/layered
                    Then the newest restorable version of "base2/file02.txt" is no older than 26 hours

                  Scenario: ten days old
                    Given ba-aged config for localhost /srv/fixtures/aged
                    Then the newest restorable version of "file1.txt" is no older than 24 hours

                  Scenario: the whole aged disk
                    Given ba-aged config for localhost /srv/fixtures/aged
                    Then the newest restorable version of "/" is no older than 239 hours

                  Scenario: never backed up
                    Given ba-daily config for localhost /etc
                    Then the newest restorable version of "no-such-file-here" is no older than 26 hours

                  Scenario: a negative bound
                    Given ba-daily config for localhost /etc
                    Then the newest restorable version of "passwd" is no older than -1 hours
                """);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var run = await SuiteRunner.RunAsync(feature, null, timeout.Token);


            run.Status("unchanged since the full dump").ShouldBe("passed", run.Console);
            run.StepAttachment("unchanged since the full dump", "recovery point").ShouldContain("/base0/file03.txt: newest restorable version from dump ");
            // GNU tar's level 1 index lists every file still present: an unchanged file is dated by the latest level 1.
            run.StepAttachment("unchanged since the full dump", "recovery point").ShouldContain("(level 1");
            run.Status("changed before the latest incremental").ShouldBe("passed");
            run.StepAttachment("changed before the latest incremental", "recovery point").ShouldContain("(level 1");

            run.Status("ten days old").ShouldBe("failed");
            run.Message("ten days old").ShouldStartWith("Stale backup: ba-aged localhost:/srv/fixtures/aged");
            run.Message("ten days old").ShouldMatch(@"it comes from dump \d{4}-\d\d-\d\d-\d\d-\d\d-\d\d \(level 0[,)][^)]*\)?, 2[4-9]\d(\.\d)? hours old");
            run.Status("the whole aged disk").ShouldBe("failed", "ten days and more are past 239 hours");

            run.Status("never backed up").ShouldBe("failed");
            run.Message("never backed up").ShouldStartWith("Missing path: ba-daily localhost:/etc");
            run.Status("a negative bound").ShouldBe("broken");
            run.Message("a negative bound").ShouldStartWith("Input error: ");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
