using BackupAcceptance.Expectations.Failures;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>Which words of a failed extract blame this machine or the tape server, and which the backup. The
/// backup is the default: a restore that may have lost data must never end as the suite's own trouble.</summary>
public sealed class RestoreTroubleTests
{
    private const string NoHeader = "Got no header and data from server, check in amidxtaped.*.debug and amandad.*.debug files on server";

    [TestCase("tar: ./doc01.txt: Wrote only 0 of 10240 bytes\ntar: ./doc02.txt: Cannot write: No space left on device",
        "the restore area is full (\"tar: ./doc02.txt: Cannot write: No space left on device\")")]
    [TestCase("tar: ./a: Cannot open: Read-only file system", "the restore area is not writable (\"tar: ./a: Cannot open: Read-only file system\")")]
    [TestCase("[request failed: Connection refused]", "the tape server is not reachable (\"[request failed: Connection refused]\")")]
    public void Words_that_blame_this_machine_are_a_broken_run(string words, string why) =>
        RestoreTrouble.Explain(words, Unreadable).ShouldBe(new RestoreBlame(true, why));

    [Test]
    public void Nothing_from_the_tape_server_is_a_broken_run_only_when_amidxtaped_says_it_refused() =>
        RestoreTrouble.Explain(NoHeader, () => "Storage 'ba-daily' not found")
            .ShouldBe(new RestoreBlame(true, "the tape server refused: amidxtaped says \"Storage 'ba-daily' not found\""));

    [Test] // auth local: amrecover relays the refusal (seen on ba-daily-refused)
    public void A_refusal_relayed_by_amrecover_is_a_broken_run() =>
        RestoreTrouble.Explain("Continue [?/Y/n/s/d]? Storage 'ba-daily' not found\n" + NoHeader, Unreadable)
            .ShouldBe(new RestoreBlame(true, "the tape server refused: amidxtaped says \"Storage 'ba-daily' not found\""));

    [Test]
    public void Nothing_from_the_tape_server_stays_the_backups_fault_when_its_reason_is_unreadable()
    {
        var blame = RestoreTrouble.Explain(NoHeader, Unreadable).ShouldNotBeNull();
        blame.NotTheBackup.ShouldBeFalse();
        blame.Why.ShouldContain("not readable here");
    }

    [Test]
    public void Nothing_from_the_tape_server_stays_the_backups_fault_when_amidxtaped_could_not_read_the_dump()
    {
        var blame = RestoreTrouble.Explain(NoHeader, () => "can't read label: No such file").ShouldNotBeNull();
        blame.NotTheBackup.ShouldBeFalse();
        blame.Why.ShouldContain("can't read label");
    }

    [Test] // a lost vtape file, seen on the real Amanda: amidxtaped reads whatever now sits at that file number
    public void A_tape_holding_another_dump_is_the_backups_fault_even_with_a_refusal_in_the_log()
    {
        var blame = RestoreTrouble.Explain(
            "Continue [?/Y/n/s/d]? header on 'ba-daily-01' file 1 does not match expectations: got hostname ''; expected 'localhost'\n" + NoHeader,
            () => "Storage 'vtapes' not found").ShouldNotBeNull();
        blame.NotTheBackup.ShouldBeFalse();
        blame.Why.ShouldContain("lost or overwritten tape");
    }

    [Test] // the client saw only "Got no header"; amidxtaped's log says why
    public void A_tape_holding_another_dump_in_amidxtapeds_log_is_the_backups_fault()
    {
        var blame = RestoreTrouble.Explain(NoHeader, () => "header on 'ba-daily-08' file 1 does not match expectations: got disk '/etc'").ShouldNotBeNull();
        blame.NotTheBackup.ShouldBeFalse();
        blame.Why.ShouldContain("lost or overwritten tape: amidxtaped says");
    }

    [TestCase("0 kb\ntar: This does not look like a tar archive\ntar: ./file01.txt: Not found in archive\nExtractor child exited with status 2")]
    [TestCase("tar: Unexpected EOF in archive")]
    [TestCase("")]
    public void Words_of_a_damaged_dump_stay_the_backups_fault(string words) => RestoreTrouble.Explain(words, Unreadable).ShouldBeNull();

    [TestCase("./No space left on device\n./Permission denied\n./Got no header and data from server\n./Connection refused")]
    [TestCase("./dir/amidxtaped Storage 'x' not found.txt")]
    // review: a damaged dump whose files have hostile names; tar names them inside its complaints, on stderr
    [TestCase("Extractor child exited with status 2\n(stderr) tar: ./Permission denied: Not found in archive")]
    [TestCase("(stderr) tar: ./x: No space left on device: Not found in archive")]
    [TestCase("(stderr) tar: ./[request failed: Connection refused]: Not found in archive")]
    [TestCase("(stderr) tar: ./Got no header and data from server\n(stderr) tar: ./Storage 'ba-daily' not found: Not found in archive")]
    public void File_names_tar_prints_never_count_as_words(string tarLines) => RestoreTrouble.Explain(tarLines, () => "Storage 'ba-daily' not found").ShouldBeNull();

    [Test]
    public void Tars_complaint_on_stderr_is_read_past_its_mark() =>
        RestoreTrouble.Explain("Extractor child exited with status 2\n(stderr) tar: ./a.txt: Cannot write: No space left on device", Unreadable)
            .ShouldBe(new RestoreBlame(true, "the restore area is full (\"tar: ./a.txt: Cannot write: No space left on device\")"));

    private static string? Unreadable() => null;
}
