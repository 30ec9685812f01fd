using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>"When the whole disk is restored" through the real suite: the big disk comes back whole (20,000 files, as
/// listed, each matching the live file); a tampered file fails the live comparison; a cut tape fails the restore; a
/// disk above the full-restore limit is refused before anything is restored; nothing is left behind.</summary>
[Category("Integration")]
public sealed class FullRestoreIntegrationTests
{
    [Test]
    [Category("Slow")] // restores the whole big disk (20,000 files) twice: CI runs it (./run.sh test --all)
    public async Task A_whole_disk_restores_as_listed_and_matches_the_live_tree()
    {
        RealAmanda.Require();
        var work = Directory.CreateTempSubdirectory("ba-full-restore-").FullName;
        try
        {
            string Scenario(string name, string disk, params string[] thens) => $"""
                  Scenario: {name}
                    Given ba-daily config for localhost {disk}
                    When the whole disk is restored
                {string.Concat(thens.Select(t => $"    {t}\n"))}
                """;
            string NightlyScenario(string name, string fixture, params string[] thens) =>
                Scenario(name, $"/srv/fixtures/nightly/{fixture}", thens).Replace("Given ba-daily config", "Given ba-nightly config");
            var feature = Path.Combine(work, "full.feature");
            // A restore root of its own: the leftover check below looks at what this run made, not at the machine's /tmp.
            var restores = Directory.CreateDirectory(Path.Combine(work, "restores")).FullName;
            var environment = new Dictionary<string, string> { ["BACKUP_ACCEPTANCE_RESTORE_DIR"] = restores };
            await File.WriteAllTextAsync(feature, "Feature: Full restores\n\n" + string.Concat(
                Scenario("big", "/srv/fixtures/big", "Then every file of the listing was restored", "And the restored tree matches the live directory"),
                Scenario("odd names", "/srv/fixtures/oddnames", "Then every file of the listing was restored", "And the restored tree matches the live directory"),
                Scenario("tampered", "/srv/fixtures/tampered", "Then every file of the listing was restored", "And the restored tree matches the live directory"),
                NightlyScenario("bit rot", "bitrot", "Then every file of the listing was restored", "And the restored tree matches the live directory"),
                Scenario("cut tape", "/srv/fixtures/cuttape", "Then every file of the listing was restored"),
                Scenario("etc with its links", "/etc", "Then every file of the listing was restored", "And the restored tree matches the live directory"))
                + """
                  Scenario: a sample is not the whole disk
                    Given ba-daily config for localhost /etc
                    When the file "passwd" is restored
                    Then every file of the listing was restored

                """);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            var run = await SuiteRunner.RunAsync(feature, null, timeout.Token, environment);


            run.Status("big").ShouldBe("passed", run.Message("big") + run.Console);
            var evidence = run.StepAttachment("big", "full restore");
            evidence.ShouldStartWith("20000 files restored, all a restore must give (the whole disk: 20000 files from the level 0 dump's listing");
            run.Status("odd names").ShouldBe("passed", run.Message("odd names"));
            // doc07.txt was rewritten after the dump with its old mtime put back: its ctime says so, and it is not compared.
            run.Status("tampered").ShouldBe("passed", run.Message("tampered"));
            run.StepAttachment("tampered", "restore comparison").ShouldContain("changed since the dump, not compared: /doc07.txt");
            run.StepAttachment("tampered", "restore comparison").ShouldContain("compared 19 files; 1 changed since the dump");
            // A byte flipped on the tape under a live file untouched since the dump: the restore differs, a backup fault.
            run.Status("bit rot").ShouldBe("failed");
            run.Message("bit rot").ShouldStartWith("Restore mismatch: ba-nightly localhost:/srv/fixtures/nightly/bitrot");
            run.Message("bit rot").ShouldContain("1 mismatch: /note.txt: live ");
            // /etc holds symbolic links: restored and counted as the listing counts them, never opened or followed.
            run.Status("etc with its links").ShouldBe("passed", run.Message("etc with its links"));
            run.Status("a sample is not the whole disk").ShouldBe("broken");
            run.Message("a sample is not the whole disk").ShouldContain("a whole-disk restore ('When the whole disk is restored') before this step");
            run.Status("cut tape").ShouldBe("failed");
            run.Message("cut tape").ShouldStartWith("Restore mismatch: ba-daily localhost:/srv/fixtures/cuttape");

            // Refused before anything is restored: a limit below the big disk's size.
            await File.WriteAllTextAsync(feature, "Feature: Full restores\n\n" + Scenario("too big", "/srv/fixtures/big", "Then every file of the listing was restored"));
            var limited = await SuiteRunner.RunAsync(feature, null, timeout.Token,
                new Dictionary<string, string>(environment) { ["BACKUP_ACCEPTANCE_FULL_RESTORE_LIMIT_MB"] = "1" });
            var refused = limited.AllureResults.Single();
            ((string)refused["status"]!).ShouldBe("broken");
            ((string)refused["statusDetails"]!["message"]!).ShouldContain("refused: above the limit of 1 MiB (BACKUP_ACCEPTANCE_FULL_RESTORE_LIMIT_MB)");
            run.Living("amrecover").ShouldBeEmpty("no amrecover of the first run left running");
            limited.Living("amrecover").ShouldBeEmpty("no amrecover of the limited run left running");
            Directory.GetFileSystemEntries(restores).ShouldBeEmpty("restore areas are removed");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
