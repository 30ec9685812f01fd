using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// Issue 27's promise, as controls: the same hollow, count, restore, whole-restore, freshness, data-check and recovery-time sentences fail on the bad fixtures of
/// the demo Amanda and of the demo restic repository alike, each row with the same category and a message that names
/// its own backup and the dump or snapshot it looked at (Controls/OneVocabulary/one-vocabulary.feature, through the real
/// suite). The good rows are features/one-vocabulary.feature, which the suite runs on every ./run.sh test.
/// </summary>
[Category("Integration")]
public sealed class OneVocabularyControlsTests
{
    private const string Restic = "restic " + ResticDemo.Repository + " localhost:/srv/restic-fixtures/";
    private string _features = null!;
    private SuiteRun _run = null!;

    [OneTimeSetUp]
    public async Task RunTheControlsAsync()
    {
        ResticDemo.Require();
        _features = Directory.CreateTempSubdirectory("ba-one-vocabulary-").FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Controls", "OneVocabulary", "one-vocabulary.feature"), Path.Combine(_features, "one-vocabulary.feature"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        _run = await SuiteRunner.RunAsync(_features, filter: null, timeout.Token, ResticDemo.Environment);
    }

    [OneTimeTearDown]
    public void RemoveCopy()
    {
        if (_features is not null && Directory.Exists(_features)) Directory.Delete(_features, recursive: true);
    }

    /// <summary>The row of the outline run on one backup system: "Title [Amanda: backup=...]".</summary>
    private SuiteTestResult Row(string outline, string system) =>
        _run.Single(_run.Results.Select(r => r.Name).Single(n => n.StartsWith($"{outline} [{system}: ", StringComparison.Ordinal)));

    [TestCase("A backup of empty directories is hollow", "Hollow backup",
        "ba-daily localhost:/srv/fixtures/hollow (dump ", Restic + "hollow (snapshot ")]
    [TestCase("Half the files gone since the backup before is a count drop", "Count drop",
        "ba-daily localhost:/srv/fixtures/shrinking (dump ", Restic + "shrinking (snapshot ")]
    [TestCase("Restored bytes that differ from a live file that looks unchanged fail", "Restore mismatch",
        "ba-nightly localhost:/srv/fixtures/nightly/bitrot (dump ", Restic + "bitrot (snapshot ", "found 1 mismatch: /note.txt: live ", "found 1 mismatch: /f1.txt: live sha256 ")]
    [TestCase("A ten-day-old backup is stale", "Stale backup",
        "ba-aged localhost:/srv/fixtures/aged (dump ", Restic + "stale (snapshot ")]
    [TestCase("A backup identical to the one before is stale", "Stale backup",
        "ba-daily localhost:/srv/fixtures/stale (dump ", Restic + "unchanged (snapshot ")]
    [TestCase("A whole restore that lacks a live file older than the backup fails", "Restore mismatch",
        "ba-nightly localhost:/srv/fixtures/nightly/lostname (dump ", Restic + "lost (snapshot ",
        "/dropped.txt: a live file older than the dump, covered by the DLE, is absent from the restore", "found 1 mismatch: /late.txt: a live file older than the snapshot (ctime ")]
    [TestCase("A whole restore with bytes that differ from a live file that looks unchanged fails", "Restore mismatch",
        "ba-nightly localhost:/srv/fixtures/nightly/bitrot (dump ", Restic + "bitrot (snapshot ", "/note.txt: live ", "found 1 mismatch: /f1.txt: live sha256 ")]
    [TestCase("Restored data its own tool rejects fails", "Data check failed",
        "ba-daily localhost:/srv/fixtures/canary (dump ", Restic + "good (snapshot ", "found exit status 1: \"gzip: ", "found exit status 1: \"gzip: ")]
    [TestCase("A full restore within no time at all is too slow", "Recovery too slow",
        "ba-daily localhost:/srv/fixtures/canary (dump ", Restic + "good (snapshot ", "found estimated full restore: ", "found measured full restore: ")]
    public void The_same_sentence_fails_on_both_systems_with_the_same_category(string outline, string category, string amanda, string restic,
        string amandaFound = "", string resticFound = "")
    {
        var rows = _run.Results.Where(r => r.Name.StartsWith(outline + " [", StringComparison.Ordinal)).ToList();
        rows.Count.ShouldBe(2, "one row per backup system");
        foreach (var (system, subject, found, transcript) in new[]
                 {
                     ("Amanda", amanda, amandaFound, "\n\namrecover transcript (last lines):\n"),
                     ("restic", restic, resticFound, "\n\nrestic output (last lines):\n$ RESTIC_REPOSITORY=" + ResticDemo.Repository + " restic "),
                 })
        {
            var row = Row(outline, system);
            row.Outcome.ShouldBe("Failed", row.Message);
            row.Message.ShouldStartWith($"{category}: {subject}", customMessage: row.Message);
            row.Message.ShouldContain(" expected ");
            row.Message.ShouldContain(" found ");
            row.Message.ShouldContain(found, customMessage: "what the row's fixture was made to show, not a failure for some other reason");
            // The tail of its transcript: amrecover's own lines (a restore's tail holds its extract, not the setdisk),
            // restic's commands on its own repository.
            var tail = row.Message.IndexOf(transcript, StringComparison.Ordinal);
            tail.ShouldBePositive(row.Message);
            if (system == "Amanda") row.Message[tail..].ShouldContain("] amrecover> ");
        }
    }

    [Test]
    public void Every_row_is_a_failure_of_the_backup_not_a_broken_check()
    {
        _run.Results.Count.ShouldBe(18, string.Join(", ", _run.Results.Select(r => r.Name)));
        // Allure files a failed row as a backup defect (failed), a broken one as the check's (broken): each row by its
        // parameters, as the outline's rows share one title.
        foreach (var result in _run.AllureResults)
            ((string)result["status"]!).ShouldBe("failed", (string?)result["statusDetails"]?["message"]);
        _run.AllureResults.Count.ShouldBe(18);
    }
}
