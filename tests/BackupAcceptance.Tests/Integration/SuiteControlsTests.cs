using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// The negative controls run through the real suite, exactly as a user runs it: feature files kept outside the
/// repository, Gherkin steps, real amrecover sessions. Each bad fixture must FAIL with its category and a message
/// that names config, host and disk and says what was found.
/// </summary>
[Category("Integration")]
public sealed class SuiteControlsTests
{
    private string _features = null!;
    private SuiteRun _run = null!;

    [OneTimeSetUp]
    public async Task RunTheControlsAsync()
    {
        RealAmanda.Require();
        // A copy outside the repository: the suite must not depend on where its features live.
        _features = Directory.CreateTempSubdirectory("ba-controls-").FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Controls"), "*.feature"))
            File.Copy(file, Path.Combine(_features, Path.GetFileName(file)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _run = await SuiteRunner.RunAsync(_features, filter: null, timeout.Token);
    }

    [OneTimeTearDown]
    public void RemoveCopy()
    {
        if (_features is not null && Directory.Exists(_features)) Directory.Delete(_features, recursive: true);
    }

    [Test]
    public void The_run_fails_because_expectations_failed() => _run.ExitCode.ShouldNotBe(0, _run.Console);

    [Test]
    public void The_odd_names_tree_passes() =>
        _run.Single("A tree of odd names passes").Outcome.ShouldBe("Passed", _run.Single("A tree of odd names passes").Message);

    [TestCase("A disk of empty directories fails",
        "Hollow backup: ba-daily localhost:/srv/fixtures/hollow (dump ", "found 0 files in 7 directories below the root")]
    [TestCase("An empty disk fails",
        "Hollow backup: ba-daily localhost:/srv/fixtures/empty (dump ", "found 0 files in 0 directories below the root")]
    [TestCase("A disk that was never dumped fails",
        "Stale backup: ba-daily localhost:/srv/fixtures/notdumped (no dump)", "500 No dumps available on or before date")]
    [TestCase("A disk unknown to Amanda fails",
        "Amanda unreachable or misconfigured: ba-daily localhost:/srv/no such disk", "is not in the server's disklist")]
    [TestCase("A threshold below the dump's real age fails",
        "Stale backup: ba-daily localhost:/etc (dump ", "expected the latest dump to be no older than 0 hours; found it is ")]
    [TestCase("A level 0 threshold below the dump's real age fails",
        "Stale backup: ba-daily localhost:/etc (dump ", "expected a level 0 dump no older than 0 days; found the newest level 0 dump is")]
    [TestCase("A never-dumped disk has no dump",
        "Stale backup: ba-daily localhost:/srv/fixtures/notdumped (no dump)", "500 No dumps available")]
    [TestCase("Missing paths are all listed",
        "Missing path: ba-daily localhost:/srv/fixtures/oddnames (dump ", "3 missing paths: /no-such-file.txt (absent), /sub/no-such-dir/ (absent), /README.txt/ (a file, not a directory)")]
    [TestCase("An empty directory in the backup fails",
        "Hollow backup: ba-daily localhost:/srv/fixtures/hollow (dump ", "expected the directory /a/b/c to hold at least one file (directories never count); found 0 files in 0 directories below it")]
    [TestCase("A count drop fails",
        "Count drop: ba-daily localhost:/srv/fixtures/shrinking (dump ", ": 100 files); found 50 files (-50%)")]
    [TestCase("An old dump against the live directory fails",
        "Count drop: ba-daily localhost:/srv/fixtures/shrinking (dump ", "within 10% of the live directory (50 files now); found 100 files in the backup (+100%)")]
    [TestCase("A disk identical to its previous dump is stale",
        "Stale backup: ba-daily localhost:/srv/fixtures/stale (dump ", "found the same 10 paths")]
    [TestCase("Restored bytes that differ from an unchanged live file fail",
        "Restore mismatch: ba-nightly localhost:/srv/fixtures/nightly/bitrot (dump ", "found 1 mismatch: /note.txt: live ")]
    [TestCase("A canary with the wrong content fails",
        "Restore mismatch: ba-daily localhost:/srv/fixtures/canary (dump ", "to match /^this is not the canary/; found the pattern matches nowhere in it: ")]
    [TestCase("A canary older than allowed fails",
        "Stale backup: ba-daily localhost:/srv/fixtures/canary (dump ", "expected the restored /canary.txt to be no older than 0 hours")]
    [TestCase("A bad disk inside the whole estate fails the estate",
        "Stale backup: ba-daily (every disk): expected every disk to have a dump", "localhost:/srv/fixtures/empty (Hollow backup: 0 files in 0 directories")]
    [TestCase("Fewer files than required fails",
        "Too few files: ba-daily localhost:/srv/fixtures/oddnames (dump ", "expected at least 100000 files (directories never count); found 257 files in 101 directories")]
    [TestCase("A date before the first dump has no dump",
        "Stale backup: ba-daily localhost:/srv/fixtures/oddnames (no dump): expected a dump on or before 2020-01-01", "500 No dumps available on or before date \"2020-01-01\"")]
    public void A_bad_fixture_fails_with_its_category_and_evidence(string scenario, string start, string found)
    {
        var result = _run.Single(scenario);
        result.Outcome.ShouldBe("Failed");
        result.Message.ShouldStartWith(start);
        result.Message.ShouldContain(found);
        result.Message.ShouldContain("\n\n"); // the evidence: transcript tail or per-disk report after the sentence
    }

    [TestCase("A path table without a header row is refused",
        "Suite defect: ba-daily localhost:/srv/fixtures/oddnames (no dump selected): expected a table with one column under the header | path |",
        "found the header | no-such-file.txt | (without a header row, the first path would be taken for one)")]
    [TestCase("A path table with only its header checks nothing",
        "Nothing checked: ba-daily localhost:/srv/fixtures/hollow (no dump selected): expected at least one path to look up", "found a table without path rows")]
    [TestCase("The disk itself in a path table is refused",
        "Suite defect: ba-daily localhost:/srv/fixtures/empty (no dump selected): expected paths inside the backed-up path", "found '/', which names the backed-up path itself and checks nothing")]
    [TestCase("A directory holding only empty directories is empty",
        "Hollow backup: ba-daily localhost:/srv/fixtures/hollow (dump ", "expected the directory /a to hold at least one file (directories never count); found 0 files in 2 directories below it")]
    [TestCase("A directory that is not in the backup is missing",
        "Missing path: ba-daily localhost:/srv/fixtures/hollow (dump ", "expected a directory /no-such-dir; found no such directory in the backup")]
    [TestCase("A sample of a hollow disk fails",
        "Too few files: ba-daily localhost:/srv/fixtures/hollow (dump ", "expected at least 1 file by sampling (directories never count); found an estimated ≈0 ± 0 (95%) files, at least 0 (the sample saw 0 files in ")]
    [TestCase("A sample alone checks nothing",
        "Nothing checked: ba-daily localhost:/srv/fixtures/oddnames (dump ", "expected at least one Then step that checked a file, a path or a dump, and a Then step for every When step's result; found no Then step checked anything")]
    [TestCase("A restore alone checks nothing",
        "Nothing checked: ba-daily localhost:/srv/fixtures/oddnames (dump ", "found no Then step checked anything")]
    [TestCase("A scenario without steps checks nothing",
        "Nothing checked: scenario 'A scenario without steps checks nothing': expected at least one Then step", "found the scenario has no steps")]
    [TestCase("A dump chosen after a check is a misuse",
        "Suite defect: ba-daily localhost:/srv/fixtures/oddnames (",
        "expected every Given before the first When or Then step (it comes after a step that already looked at the backup); found 'Given the dump as of 2020-01-01'")]
    [TestCase("A previous dump without its index is a damaged index",
        "Index damaged: ba-daily localhost:/srv/fixtures/lostindex (dump ", "expected a readable index (to browse the previous dump); found \"200 Working date set to")]
    [TestCase("A count against a previous dump without its index is a damaged index",
        "Index damaged: ba-daily localhost:/srv/fixtures/lostindex (dump ", "599 index file not found for host 'localhost' disk '/srv/fixtures/lostindex'")]
    [TestCase("The recovery point of the root of a dump without its index is no restorable version",
        "Index damaged: ba-daily localhost:/srv/fixtures/lostindex (", "lostindex")]
    [TestCase("A cut-short index file fails before amrecover browses it",
        "Index damaged: ba-daily localhost:/srv/fixtures/cutindex (no dump selected): expected a readable index", "-unsorted.gz (dump ")]
    [TestCase("A restore whose extract failed is not a restore",
        "Restore mismatch: ba-daily localhost:/srv/fixtures/cuttape (dump ", "expected to restore 1 file; found the extract failed: \"Extractor child exited with status 2 / (stderr) tar: This does not look like a tar archive")]
    [TestCase("A restore from a lost tape is the backup's fault",
        "Restore mismatch: ba-daily localhost:/srv/fixtures/losttape (dump ", "a lost or overwritten tape (\"Continue [?/Y/n/s/d]? header on 'ba-daily-")]
    [TestCase("A tape server that refuses is a broken restore, not the backup's fault",
        "Restore failed: ba-daily-refused localhost:/srv/fixtures/oddnames (dump ", "the tape server refused: amidxtaped says \"Storage 'ba-daily' not found\"")]
    [TestCase("A count change one percent past the allowed fails",
        "Count drop: ba-daily localhost:/srv/fixtures/shrinking (dump ", "expected the file count within 49% of the previous dump")]
    [TestCase("A count against the previous dump leaves the session on the dump it judged",
        "Too few files: ba-daily localhost:/srv/fixtures/shrinking (dump ", "expected at least 51 files (directories never count); found 50 files in ")]
    [TestCase("At least N files is judged on the dump the scenario chose",
        "Too few files: ba-daily localhost:/srv/fixtures/shrinking (dump ", "expected at least 101 files (directories never count); found 100 files in ")]
    [TestCase("Paths are looked up in the dump the scenario chose",
        "Missing path: ba-nightly localhost:/srv/fixtures/nightly/renamed (dump ", "found 1 missing path: /newdir/ (absent)")]
    [TestCase("A directory is judged in the dump the scenario chose",
        "Missing path: ba-nightly localhost:/srv/fixtures/nightly/renamed (dump ", "expected a directory /newdir; found no such directory in the backup")]
    [TestCase("A count against the previous dump of a disk of empty directories is hollow",
        "Hollow backup: ba-daily localhost:/srv/fixtures/hollow (dump ", "expected at least 1 file (directories never count); found 0 files in 7 directories below the root")]
    [TestCase("A live count change past the widest allowed fails",
        "Count drop: ba-daily localhost:/srv/fixtures/shrinking (dump ", "expected the file count within 99% of the live directory (50 files now); found 100 files in the backup (+100%)")]
    [TestCase("One file more than the disk holds fails",
        "Too few files: ba-daily localhost:/srv/fixtures/oddnames (dump ", "expected at least 258 files (directories never count); found 257 files in 101 directories")]
    [TestCase("A live comparison of an empty backup is hollow, not 0 against 0",
        "Hollow backup: ba-daily localhost:/srv/fixtures/empty (dump ", "expected at least 1 file (directories never count); found 0 files in 0 directories below the root")]
    [TestCase("A negative percentage is refused",
        "Input error: ba-daily localhost:/srv/fixtures/shrinking (no dump selected): expected a percentage from 0 to 99 in the step", "found -5")]
    [TestCase("A tolerance that no drop can exceed is refused",
        "Input error: ba-daily localhost:/srv/fixtures/shrinking (no dump selected): expected a percentage from 0 to 99 in the step", "found 100")]
    [TestCase("An age past ten years is refused",
        "Input error: ba-daily localhost:/etc (no dump selected): expected a number of hours from 0 to 87600 in the step", "found 2147483647")]
    [TestCase("A second disk in one scenario is refused",
        "Suite defect: ba-daily localhost:/srv/fixtures/hollow (no dump selected): expected one disk or estate per scenario (it names ba-daily localhost:/srv/fixtures/hollow already)",
        "found 'Given ba-daily config for localhost /srv/fixtures/oddnames'")]
    [TestCase("Two dump choices in one scenario are refused",
        "Suite defect: ba-daily localhost:/srv/fixtures/oddnames (no dump selected): expected one dump choice per scenario (it chose the dump as of 2020-01-01 already)",
        "found 'Given the dump before the latest'")]
    [TestCase("A dump choice with the whole estate is refused",
        "Suite defect: scenario 'A dump choice with the whole estate is refused': expected no dump choice with the estate", "found 'Given every disk of ba-daily config except:'")]
    [TestCase("A sample no Then step judged checks nothing",
        "Nothing checked: ba-daily localhost:/srv/fixtures/hollow (dump ", "found a sample no Then step judged")]
    [TestCase("A file changed since the dump with its old mtime put back is not compared",
        "Nothing checked: ba-daily localhost:/srv/fixtures/tampered (dump ", "changed since the dump, not compared: /doc07.txt (mtime ")]
    [TestCase("Restored files no Then step looked at check nothing",
        "Nothing checked: ba-daily localhost:/srv/fixtures/tampered (dump ", "found restored files no Then step looked at")]
    [TestCase("A pattern that matches anything is refused",
        "Suite defect: ba-daily localhost:/srv/fixtures/canary (dump ", "expected a pattern that an empty file would not match; found //, which matches anything")]
    [TestCase("A content pattern that is no regular expression is refused",
        "Input error: ba-daily localhost:/srv/fixtures/canary (dump ", "expected a regular expression that matches or not within 5 s; found /canary (/: Invalid pattern")]
    [TestCase("A content check after a random sample of files is refused",
        "Suite defect: ba-daily localhost:/srv/fixtures/oddnames (dump ", "expected a single restored file ('When the file \"x\" is restored') before a check of its content or age; found 'Then its content matches \"x\"'")]
    [TestCase("A comparison that could compare no file checks nothing",
        "Nothing checked: ba-daily localhost:/srv/fixtures/canary (dump ", "expected at least one restored file to compare with its live file; found none could be compared")]
    [TestCase("Over bsdtcp, a disk of empty directories fails",
        "Hollow backup: ba-daily-net localhost:/srv/fixtures/hollow (dump ", "found 0 files in 7 directories below the root")]
    [TestCase("Over bsdtcp, a disk that was never dumped fails",
        "Stale backup: ba-daily-net localhost:/srv/fixtures/notdumped (no dump)", "500 No dumps available on or before date")]
    [TestCase("Over bsdtcp, a previous dump without its index is a damaged index",
        "Index damaged: ba-daily-net localhost:/srv/fixtures/lostindex (dump ", "expected a readable index (to browse the previous dump)")]
    [TestCase("Over bsdtcp, a restore whose extract failed is not a restore",
        "Restore mismatch: ba-daily-net localhost:/srv/fixtures/cuttape (dump ", "expected to restore 1 file; found the extract failed: \"Extractor child exited with status 2")]
    [TestCase("Over bsdtcp, a restore from a lost tape is the backup's fault",
        "Restore mismatch: ba-daily-net localhost:/srv/fixtures/losttape (dump ", "a lost or overwritten tape")]
    [TestCase("Zero random files to restore is refused",
        "Input error: ba-daily localhost:/srv/fixtures/oddnames (no dump selected): expected a number of files to restore from 1 to 1000 in the step", "found 0")]
    public void A_false_green_fails_with_a_clear_message(string scenario, string start, string found)
    {
        var result = _run.Single(scenario);
        result.Outcome.ShouldBe("Failed", result.Message);
        result.Message.ShouldStartWith(start);
        result.Message.ShouldContain(found);
    }

    [TestCase("A count change of exactly the allowed percentage passes")]
    [TestCase("A live count change of exactly the allowed percentage passes")]
    [TestCase("Exactly as many files as required passes")]
    [TestCase("Over bsdtcp, random files of the odd-names tree restore byte for byte")]
    [TestCase("Over bsdtcp, the big disk holds all its files")]
    public void A_check_exactly_at_its_bound_passes(string scenario) =>
        _run.Single(scenario).Outcome.ShouldBe("Passed", _run.Single(scenario).Message);

    [Test]
    public void A_cut_short_index_is_never_browsed_so_its_damage_stays_visible()
    {
        // amindexd re-compresses what it could read of a cut-short index on its first browse; the audit runs before.
        var index = Directory.GetFiles("/var/lib/amanda/ba-daily/index/localhost/_srv_fixtures_cutindex", "*-unsorted.gz");
        index.ShouldNotBeEmpty();
        var gzip = System.Diagnostics.Process.Start("gzip", ["-t", "--", .. index])!;
        gzip.WaitForExit();
        gzip.ExitCode.ShouldNotBe(0, "the cut-short index was laundered: something browsed it before the audit");
    }

    [Test]
    public void The_summary_lists_every_scenario_with_its_reason()
    {
        _run.Summary.ShouldContain("PASS  Controls for the hollow-backup detector / A tree of odd names passes");
        _run.Summary.ShouldContain("FAIL  Controls for the hollow-backup detector / A disk of empty directories fails\n        Hollow backup: ");
        // FAIL for a backup fault, BROKEN for a check that could not run: as Allure's statuses, one line each.
        var failed = _run.AllureResults.Count(r => (string?)r["status"] == "failed");
        var broken = _run.AllureResults.Count(r => (string?)r["status"] == "broken");
        (failed + broken).ShouldBe(64);
        broken.ShouldBeGreaterThan(0);
        _run.Summary.ShouldContain($"6 passed, {failed} failed, {broken} broken");
        System.Text.RegularExpressions.Regex.Matches(_run.Summary, "^BROKEN ", System.Text.RegularExpressions.RegexOptions.Multiline).Count.ShouldBe(broken);
        System.Text.RegularExpressions.Regex.Matches(_run.Summary, "^FAIL  ", System.Text.RegularExpressions.RegexOptions.Multiline).Count.ShouldBe(failed);
        _run.Summary.ShouldContain("BROKEN Controls for false greens / A comparison that could compare no file checks nothing\n        Nothing checked: ");
    }

    [Test]
    public async Task A_tag_filter_selects_only_the_tagged_scenarios()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var run = await SuiteRunner.RunAsync(_features, "TestCategory=hollow", timeout.Token);
        run.Results.Select(r => r.Name).ShouldBe(["A disk of empty directories fails"]);
    }

    private System.Text.Json.Nodes.JsonObject AllureResult(string scenario) =>
        _run.AllureResults.Single(r => (string?)r["name"] == scenario);

    [Test]
    public void Every_scenario_has_an_allure_result_with_its_target_and_steps()
    {
        _run.AllureResults.Count.ShouldBe(_run.Results.Count);
        var hollow = AllureResult("A disk of empty directories fails");
        ((string?)hollow["status"]).ShouldBe("failed");
        ((string?)hollow["statusDetails"]!["message"]).ShouldStartWith("Hollow backup: ba-daily localhost:/srv/fixtures/hollow");
        hollow["parameters"]!.AsArray().Select(p => $"{p!["name"]}={p["value"]}").ShouldBe(["config=ba-daily", "host=localhost", "disk=/srv/fixtures/hollow", $"dump date={hollow["parameters"]![3]!["value"]}"]);
        hollow["labels"]!.AsArray().Select(l => $"{l!["name"]}={l["value"]}").ShouldContain("subSuite=/srv/fixtures/hollow");
        hollow["labels"]!.AsArray().Select(l => $"{l!["name"]}={l["value"]}").ShouldContain("tag=hollow");
        var steps = hollow["steps"]!.AsArray();
        steps.Select(s => (string?)s!["name"]).ShouldBe(["Given ba-daily config for localhost /srv/fixtures/hollow", "Then the backup contains at least one file"]);
        var transcript = steps[1]!["attachments"]!.AsArray().Single();
        ((string?)transcript!["name"]).ShouldBe("amrecover transcript");
        _run.AllureFiles[(string)transcript["source"]!].ShouldContain("amrecover> ls");
    }

    [Test]
    public void Unmet_expectations_are_failed_and_amanda_trouble_is_broken()
    {
        ((string?)AllureResult("A tree of odd names passes")["status"]).ShouldBe("passed");
        ((string?)AllureResult("A count drop fails")["status"]).ShouldBe("failed");
        ((string?)AllureResult("A disk unknown to Amanda fails")["status"]).ShouldBe("broken");
        ((string?)AllureResult("A disk unknown to Amanda fails")["statusDetails"]!["message"]).ShouldStartWith("Amanda unreachable or misconfigured:");
        ((string?)AllureResult("A previous dump without its index is a damaged index")["status"]).ShouldBe("failed");
        ((string?)AllureResult("A sample alone checks nothing")["status"]).ShouldBe("broken");
        ((string?)AllureResult("A scenario without steps checks nothing")["status"]).ShouldBe("broken");
        ((string?)AllureResult("A path table without a header row is refused")["status"]).ShouldBe("broken");
        ((string?)AllureResult("Fewer files than required fails")["status"]).ShouldBe("failed");
        ((string?)AllureResult("A negative percentage is refused")["status"]).ShouldBe("broken", "an input error is the feature's, not the backup's");
        ((string?)AllureResult("A restore from a lost tape is the backup's fault")["status"]).ShouldBe("failed");
        ((string?)AllureResult("A tape server that refuses is a broken restore, not the backup's fault")["status"]).ShouldBe("broken");
    }

    [Test]
    public void History_ids_are_stable_and_seeds_stay_out_of_them()
    {
        var ids = _run.AllureResults.Select(r => (string?)r["historyId"]).ToList();
        ids.ShouldBeUnique();
        var tampered = AllureResult("Restored bytes that differ from an unchanged live file fail");
        tampered["parameters"]!.AsArray().Where(p => (string?)p!["name"] == "dump date").ShouldAllBe(p => (bool?)p!["excluded"] == true);
    }

    [Test]
    public void The_results_folder_has_environment_executor_and_categories()
    {
        _run.AllureFiles["environment.properties"].ShouldContain("AmandaVersion=3.5.1");
        _run.AllureFiles["executor.json"].ShouldContain("\"reportName\"");
        _run.AllureFiles["categories.json"].ShouldContain("^Hollow backup:");
        _run.AllureFiles["categories.json"].ShouldContain("^Too few files:");
        _run.AllureFiles["categories.json"].ShouldContain("^Restore failed:");
        _run.AllureFiles["categories.json"].ShouldContain("^Input error:");
    }

    [Test]
    public void An_estate_exception_matching_no_disk_is_a_suite_defect_not_a_narrower_check()
    {
        var result = _run.Single("An estate exception that matches no disk fails");
        result.Outcome.ShouldBe("Failed");
        result.Message.ShouldStartWith("Suite defect: ba-daily (every disk): expected exceptions that name disks of ba-daily; found these match no disk: /srv/fixtures/typo.");
        ((string?)AllureResult("An estate exception that matches no disk fails")["status"]).ShouldBe("broken");
    }
}
