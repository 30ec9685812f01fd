using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// The restic backend's negative controls through the real suite and the real restic, on the demo repository
/// (provision/restic-demo.sh): each bad fixture fails (or breaks, where the set-up is at fault) with its category and
/// a sentence that names the repository, host, path and snapshot, then restic's own words after a blank line.
/// </summary>
[Category("Integration")]
public sealed class ResticControlsTests
{
    private const string Repo = "restic " + ResticDemo.Repository + " localhost:/srv/restic-fixtures/";
    private string _features = null!;
    private SuiteRun _run = null!;
    private IReadOnlyList<(string Folder, DateTime Modified)> _before = [];

    /// <summary>Folders of the demo repositories restic would write to if it took a lock (locks/) or wrote its cache.</summary>
    private static IEnumerable<string> Watched() =>
        new[] { ResticDemo.Home + "/repo", ResticDemo.Home + "/damaged" }.SelectMany(r => new[] { r, r + "/locks" });

    [OneTimeSetUp]
    public async Task RunTheControlsAsync()
    {
        ResticDemo.Require();
        _before = [.. Watched().Select(f => (f, Directory.GetLastWriteTimeUtc(f)))];
        _features = Directory.CreateTempSubdirectory("ba-restic-controls-").FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Controls", "Restic", "restic-controls.feature"), Path.Combine(_features, "restic-controls.feature"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _run = await SuiteRunner.RunAsync(_features, filter: null, timeout.Token, ResticDemo.Environment);
    }

    [OneTimeTearDown]
    public void RemoveCopy()
    {
        if (_features is not null && Directory.Exists(_features)) Directory.Delete(_features, recursive: true);
    }

    [Test]
    public void The_good_fixture_passes() =>
        _run.Single("A good restic fixture passes").Outcome.ShouldBe("Passed", _run.Single("A good restic fixture passes").Message);

    [TestCase("A restic snapshot of empty directories is hollow", "Hollow backup: " + Repo + "hollow (snapshot ", "found 0 files in 4 directories below the root")]
    [TestCase("An empty directory in a restic snapshot is empty", "Hollow backup: " + Repo + "hollow (snapshot ", "expected the directory /a to hold at least one file (directories never count); found 0 files in 2 directories below it")]
    [TestCase("Fewer restic files than required fails", "Too few files: " + Repo + "good (snapshot ", "expected at least 1000 files (directories never count); found 33 files in 1 directory")]
    [TestCase("Missing restic paths are all listed", "Missing path: " + Repo + "good (snapshot ", "found 2 missing paths: /no-such-file.txt (absent), /canary.txt/ (a file, not a directory)")]
    [TestCase("A restic count drop fails", "Count drop: " + Repo + "shrinking (snapshot ", ": 40 files); found 20 files (-50%)")]
    [TestCase("An older restic snapshot against the live directory fails", "Count drop: " + Repo + "shrinking (snapshot ", "within 10% of the live directory (20 files now); found 40 files in the backup (+100%)")]
    [TestCase("A restic snapshot identical to the one before is stale", "Stale backup: " + Repo + "unchanged (snapshot ", "found the same 11 entries with the same sizes and modification times")]
    [TestCase("A ten-day-old restic snapshot is stale", "Stale backup: " + Repo + "stale (snapshot ", "expected the latest snapshot to be no older than 26 hours; found it is ")]
    [TestCase("A restic path never backed up has no snapshot", "Stale backup: " + Repo + "never (no backup): expected at least one snapshot", "found no snapshot of this host and path")]
    [TestCase("A restic path never backed up holds no file", "Stale backup: " + Repo + "never (no backup): expected at least one snapshot", "found no snapshot of this host and path")]
    [TestCase("A clean repository vouches for nothing about a path it never backed up", "Stale backup: " + Repo + "never (no backup): expected at least one snapshot", "found no snapshot of this host and path")]
    [TestCase("A restic date before the first snapshot has none", "Stale backup: " + Repo + "good (no backup): expected a snapshot on or before 2020-01-01", "found 2 snapshot(s), the newest snapshot ")]
    [TestCase("Restored restic bytes that differ from an unchanged live file fail", "Restore mismatch: " + Repo + "bitrot (snapshot ", "found 1 mismatch: /f1.txt: live sha256 ")]
    [TestCase("A restic canary with the wrong content fails", "Restore mismatch: " + Repo + "good (snapshot ", "to match /^this is not the canary/; found the pattern matches nowhere in it: ")]
    [TestCase("A damaged restic repository fails its own check", "Repository damaged: restic /var/lib/backup-acceptance/restic-demo/damaged localhost:/srv/restic-fixtures/good", "expected the repository's own check to find no error; found ")]
    [TestCase("A restore from a damaged restic repository fails", "Repository damaged: restic /var/lib/backup-acceptance/restic-demo/damaged localhost:/srv/restic-fixtures/good", "ciphertext verification failed")]
    [TestCase("A whole restore from a damaged restic repository fails", "Repository damaged: restic /var/lib/backup-acceptance/restic-demo/damaged localhost:/srv/restic-fixtures/good", "ciphertext verification failed")]
    public void A_bad_fixture_fails_with_its_category_and_evidence(string scenario, string start, string found)
    {
        var result = _run.Single(scenario);
        result.Outcome.ShouldBe("Failed", result.Message);
        _run.Status(scenario).ShouldBe("failed");
        result.Message.ShouldStartWith(start);
        result.Message.ShouldContain(found);
        result.Message.ShouldContain("\n\nrestic output (last lines):\n$ RESTIC_REPOSITORY=");
    }

    [TestCase("A restic repository that is not there is unreachable", "Repository unreachable or misconfigured: restic /var/lib/backup-acceptance/restic-demo/no-such-repo localhost:/srv/restic-fixtures/good", "Is there a repository at the following location?")]
    [TestCase("A password in a restic location is refused", "Input error: scenario 'A password in a restic location is refused': the repository's location holds a password", "write $RESTIC_REPOSITORY in the step")]
    [TestCase("A step only Amanda answers is an input error on restic", "Input error: " + Repo + "good (no backup selected)", "found 'Then a level 0 dump is no older than 8 days', which only Amanda answers")]
    [TestCase("A restic restore alone checks nothing", "Nothing checked: " + Repo + "good (snapshot ", "found no Then step checked anything")]
    public void A_check_that_cannot_judge_the_backup_is_broken(string scenario, string start, string found)
    {
        _run.Status(scenario).ShouldBe("broken", _run.Message(scenario));
        _run.Message(scenario).ShouldStartWith(start);
        _run.Message(scenario).ShouldContain(found);
    }

    [Test]
    public void No_restored_byte_reaches_the_report()
    {
        // The canary's and the bitrot file's contents: restored, compared, never written anywhere a reader sees.
        var canary = File.ReadAllText("/srv/restic-fixtures/good/canary.txt").Trim();
        foreach (var text in _run.AllureFiles.Values.Append(_run.Console).Append(_run.Summary))
        {
            text.ShouldNotContain(canary);
            text.ShouldNotContain("file 1 of the demo");
            text.ShouldNotContain("FILE 1 OF THE DEMO");
        }
    }

    /// <summary>Dated ten days back at provisioning, which rebuilds the demo once it is 20 hours old: 240 to 261 hours,
    /// whenever the test runs (not "240", which held only in the first hour after provisioning).</summary>
    [Test]
    public void The_ten_day_old_snapshot_is_said_with_its_age()
    {
        var message = _run.Single("A ten-day-old restic snapshot is stale").Message;
        var age = System.Text.RegularExpressions.Regex.Match(message, @"found it is (\d+(\.\d)?) hours old");
        age.Success.ShouldBeTrue(message);
        double.Parse(age.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(240, 261);
    }

    [Test]
    public void The_estate_page_has_a_row_per_restic_path_checked()
    {
        // The page the run writes, as the Allure report attaches it: restic paths sit beside Amanda's disks.
        var page = _run.AllureFiles.Where(f => f.Key.EndsWith(".html", StringComparison.Ordinal)).Select(f => f.Value)
            .Single(text => text.Contains("restic " + ResticDemo.Repository, StringComparison.Ordinal));
        page.ShouldContain("/srv/restic-fixtures/good");
        page.ShouldContain("/srv/restic-fixtures/hollow");
        page.ShouldContain("Hollow backup");
    }

    [Test]
    public void Restic_wrote_nothing_into_the_repository()
    {
        // --no-lock: no lock file made and removed (which would touch locks/), nothing else written at the top.
        foreach (var (folder, modified) in _before)
            Directory.GetLastWriteTimeUtc(folder).ShouldBe(modified, $"{folder} was written during the run");
    }
}
