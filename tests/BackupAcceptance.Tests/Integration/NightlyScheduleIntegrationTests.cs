using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// Verdicts on a site's nightly schedule, through the real suite on the ba-nightly configuration (provision/nightly.sh):
/// incremental chains with a deletion, a rename and a level 0 three days back, an exclusion, a disk named unlike its
/// device, split, compressed, encrypted, amgtar and holding-disk dumps, a file changed after its dump. Each row was a
/// wrong verdict before the restore state and the DLE-aware live side (docs/dump-model.md); a byte flipped on tape
/// and a file the dump lost must fail.
/// </summary>
[Category("Integration")]
public sealed class NightlyScheduleIntegrationTests
{
    private string _work = null!;
    private SuiteRun _run = null!;

    private static string Given(string disk) => $"Given ba-nightly config for localhost /srv/fixtures/nightly/{disk}";

    [OneTimeSetUp]
    public async Task RunTheScheduleAsync()
    {
        RealAmanda.RequireNightly();
        _work = Directory.CreateTempSubdirectory("ba-nightly-").FullName;
        var feature = Path.Combine(_work, "nightly.feature");
        var scenarios = new List<string>
        {
            Scenario("deleted: a whole restore gives the level 1's state", Given("deleted"), "When the whole disk is restored",
                "Then every file of the listing was restored", "And the restored tree matches the live directory"),
            Scenario("deleted: the count is the level 1's", Given("deleted"), "Then the file count is within 10% of the live directory"),
            Scenario("deleted: the level 1 recorded deletions", Given("deleted"), "Then the backup differs from the previous dump"),
            Scenario("aged: a level 1 that rewrote a file differs from its level 0", Given("aged"), "Then the backup differs from the previous dump"),
            Scenario("quiet: a level 1 that wrote nothing is stale", Given("quiet"), "Then the backup differs from the previous dump"),
            Scenario("aged: an unchanged file is as new as the level 1", Given("aged"),
                "Then the newest restorable version of \"docs/doc1.txt\" is no older than 26 hours"),
            Scenario("excluded: the count is what the DLE asks for", Given("excluded"), "Then the file count is within 5% of the live directory"),
            Scenario("excluded: a live comparison names what it did not compare", Given("excluded"), "When the whole disk is restored",
                "Then the restored tree matches the live directory"),
            Scenario("renamed: a whole restore applies the rename", Given("renamed"), "Then the file count is within 0% of the live directory",
                "When the whole disk is restored", "Then every file of the listing was restored", "And the restored tree matches the live directory"),
            Scenario("lostname: a live file the restore lacks fails", Given("lostname"), "When the whole disk is restored",
                "Then the restored tree matches the live directory"),
            Scenario("x-name: the live side is the device", Given("x-name"), "Then the file count is within 0% of the live directory",
                "When the whole disk is restored", "Then the restored tree matches the live directory"),
            Scenario("live: a file changed after the dump is not compared", Given("live"), "When the whole disk is restored",
                "Then the restored tree matches the live directory"),
            Scenario("bitrot: a byte flipped on tape fails", Given("bitrot"), "When the whole disk is restored",
                "Then the restored tree matches the live directory"),
            Scenario("splitcut: a split dump missing a part fails", Given("splitcut"), "When the whole disk is restored",
                "Then every file of the listing was restored"),
        };
        foreach (var disk in new[] { "split", "compclient", "compserver", "encrypted", "amgtar", "holding" })
            scenarios.Add(Scenario($"{disk}: counted, restored and compared exactly", Given(disk), "Then the file count is within 0% of the live directory",
                "And the backup contains at least 1 file", "When the whole disk is restored", "Then every file of the listing was restored",
                "And the restored tree matches the live directory"));
        await File.WriteAllTextAsync(feature, "Feature: A nightly schedule\n\n" + string.Concat(scenarios));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        _run = await SuiteRunner.RunAsync(feature, null, timeout.Token);
    }

    [OneTimeTearDown]
    public void RemoveWork()
    {
        if (_work is not null && Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private static string Scenario(string name, params string[] steps) =>
        $"  Scenario: {name}\n{string.Concat(steps.Select(s => $"    {s}\n"))}\n";

    private void Passes(string scenario) => _run.Status(scenario).ShouldBe("passed", _run.Message(scenario) + "\n" + _run.Console);

    [Test]
    public void A_whole_restore_of_a_chain_with_deletions_passes_without_the_deleted_files()
    {
        Passes("deleted: a whole restore gives the level 1's state");
        _run.StepAttachment("deleted: a whole restore gives the level 1's state", "full restore")
            .ShouldContain("2 files amrecover lists from older dumps gone by then");
    }

    [Test]
    public void A_count_against_the_live_directory_counts_the_state_a_restore_gives() => Passes("deleted: the count is the level 1's");

    [Test]
    public void A_level_1_that_recorded_deletions_differs_from_its_level_0() => Passes("deleted: the level 1 recorded deletions");

    [Test]
    public void A_file_unchanged_since_the_level_0_is_as_recent_as_the_level_1()
    {
        Passes("aged: an unchanged file is as new as the level 1");
        var point = _run.StepAttachment("aged: an unchanged file is as new as the level 1", "recovery point");
        point.ShouldContain("(level 1, ");
        point.ShouldContain("(present, unchanged since the dump of ", Case.Sensitive, "dated by the level 1's directory records, not its index");
    }

    [Test]
    public void An_excluded_directory_is_neither_counted_nor_compared()
    {
        Passes("excluded: the count is what the DLE asks for");
        Passes("excluded: a live comparison names what it did not compare");
        var report = _run.StepAttachment("excluded: a live comparison names what it did not compare", "restore comparison");
        report.ShouldContain("compared 1 file;");
        report.ShouldContain("excluded by the DLE, not compared: /cache/cache01.tmp");
    }

    /// <summary>tar's record of the level 1 says olddir became newdir: a whole restore (add .) moves the level 0's
    /// files there, and the state, the count and the live comparison all follow it. amrecover lists newdir empty.</summary>
    [Test]
    public void A_directory_renamed_before_the_level_1_restores_under_its_new_name()
    {
        const string name = "renamed: a whole restore applies the rename";
        Passes(name);
        _run.StepAttachment(name, "full restore").ShouldContain("renamed since: /olddir to /newdir");
    }

    /// <summary>A file the dump lost (out of the index, its header renamed on tape) while the live file is untouched
    /// since: the restore lacks it, a backup fault.</summary>
    [Test]
    public void A_live_file_older_than_the_dump_that_the_restore_lacks_fails()
    {
        const string name = "lostname: a live file the restore lacks fails";
        _run.Status(name).ShouldBe("failed", _run.Message(name));
        _run.Message(name).ShouldStartWith("Restore mismatch: ba-nightly localhost:/srv/fixtures/nightly/lostname (dump ");
        _run.Message(name).ShouldContain("/dropped.txt: a live file older than the dump, covered by the DLE, is absent from the restore");
    }

    /// <summary>The same names in both dumps: the level 1's own members show a file rewritten in place after the level
    /// 0, and a level 1 that wrote nothing is the same state again.</summary>
    [Test]
    public void An_incremental_that_rewrote_a_file_differs_and_one_that_wrote_nothing_is_stale()
    {
        Passes("aged: a level 1 that rewrote a file differs from its level 0");
        const string quiet = "quiet: a level 1 that wrote nothing is stale";
        _run.Status(quiet).ShouldBe("failed", _run.Message(quiet));
        _run.Message(quiet).ShouldStartWith("Stale backup: ba-nightly localhost:/srv/fixtures/nightly/quiet (dump ");
        _run.Message(quiet).ShouldContain("and no file the level 1 dump wrote changed after the previous dump");
    }

    [Test]
    public void A_disk_named_unlike_its_device_is_compared_at_the_device() => Passes("x-name: the live side is the device");

    [Test]
    public void A_file_rewritten_with_its_old_mtime_is_changed_since_the_dump()
    {
        Passes("live: a file changed after the dump is not compared");
        var report = _run.StepAttachment("live: a file changed after the dump is not compared", "restore comparison");
        report.ShouldContain("changed since the dump, not compared: /file2.txt");
        report.ShouldContain("new or changed since the dump, not compared: /new.txt");
    }

    [Test]
    public void A_byte_flipped_on_tape_fails()
    {
        const string name = "bitrot: a byte flipped on tape fails";
        _run.Status(name).ShouldBe("failed", _run.Message(name));
        _run.Message(name).ShouldContain("1 mismatch: /note.txt: live ");
    }

    /// <summary>The split dump's control: one of its parts cut to the header on the vtape.</summary>
    [Test]
    public void A_split_dump_missing_a_part_fails()
    {
        const string name = "splitcut: a split dump missing a part fails";
        _run.Status(name).ShouldBe("failed", _run.Message(name));
        _run.Message(name).ShouldStartWith("Restore mismatch: ba-nightly localhost:/srv/fixtures/nightly/splitcut (dump ");
    }

    [TestCase("split")]
    [TestCase("compclient")]
    [TestCase("compserver")]
    [TestCase("encrypted")]
    [TestCase("amgtar")]
    [TestCase("holding")]
    public void Split_compressed_encrypted_amgtar_and_holding_dumps_are_exact(string disk) =>
        Passes($"{disk}: counted, restored and compared exactly");
}
