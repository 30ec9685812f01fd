using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Baseline;
using BackupAcceptance.Expectations;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Baseline;

public sealed class FeatureWriterTests
{
    private static readonly BaselineRequest Request = new("daily", null, "/tmp/x.feature", false);
    private static readonly DumpSchedule Daily = new(0, 1);
    private static readonly DumpDate Today = DumpDate.Parse("2026-12-05-10-00-00");
    private static readonly DumpDate Yesterday = DumpDate.Parse("2026-12-04-10-00-00");

    private static DiskFacts Disk(string disk, int files, PreviousDump? previous = null, params string[] topLevel) =>
        new(new BackupTarget("daily", "localhost", disk), Today, files, 3, previous, topLevel);

    [Test]
    public void Writes_a_scenario_per_disk_with_every_number_explained()
    {
        var (text, warnings) = FeatureWriter.Write(Request, Daily,
            [Disk("/etc", 1371, new PreviousDump(Yesterday, 1370), "X11/", "adduser.conf", "alternatives/", "apt/")]);
        warnings.ShouldBeEmpty();
        text.ShouldContain("""
              @host:localhost
              Scenario: localhost /etc
                Given daily config for localhost /etc
                Then the latest dump is no older than 26 hours
                And a level 0 dump is no older than 2 days
                # 90% of the 1,371 files in the dump of 2026-12-05-10-00-00
                And the backup contains at least 1233 files
                # the dump before, of 2026-12-04-10-00-00, held 1,370 files
                And the file count is within 10% of the previous dump
                And the backup contains these paths:
                  | path          |
                  | X11/          |
                  | adduser.conf  |
                  | alternatives/ |

            """.ReplaceLineEndings("\n"));
        text.ShouldContain("@baseline @config:daily\nFeature: Baseline of daily\n");
        text.ShouldNotContain("apt/", customMessage: "only the first three top-level paths");
    }

    [Test]
    public void Is_the_same_text_for_the_same_dumps()
    {
        DiskFacts[] disks = [Disk("/a", 10), Disk("/b", 0)];
        FeatureWriter.Write(Request, Daily, disks).Text.ShouldBe(FeatureWriter.Write(Request, Daily, disks).Text);
    }

    [Test]
    public void Never_blesses_an_empty_backup()
    {
        var (text, warnings) = FeatureWriter.Write(Request, Daily, [Disk("/srv/hollow", 0, null, "a/")]);
        text.ShouldContain("    # WARNING: the dump of 2026-12-05-10-00-00 holds no file (3 directories): a baseline never blesses an empty backup\n    And the backup contains at least one file\n");
        text.ShouldNotContain("at least 0");
        warnings.ShouldHaveSingleItem().ShouldContain("localhost /srv/hollow: the dump of 2026-12-05-10-00-00 holds no file");
    }

    [Test]
    public void Writes_a_drift_the_dumps_already_break_with_a_warning()
    {
        var (text, warnings) = FeatureWriter.Write(Request, Daily, [Disk("/srv/shrinking", 50, new PreviousDump(Yesterday, 100))]);
        text.ShouldContain("# WARNING: 50 files against 100 in the dump before (2026-12-04-10-00-00): already more than 10% apart\n    And the file count is within 10% of the previous dump");
        warnings.ShouldHaveSingleItem();
    }

    [Test]
    public void A_previous_dump_that_cannot_be_counted_is_warned_of_and_still_compared()
    {
        var (text, warnings) = FeatureWriter.Write(Request, Daily, [Disk("/srv/lostindex", 10, new PreviousDump(Yesterday, null, "Index damaged: gone"))]);
        text.ShouldContain("# WARNING: the previous dump (2026-12-04-10-00-00) could not be counted: Index damaged: gone\n    And the file count is within 10% of the previous dump");
        warnings.ShouldHaveSingleItem();
    }

    [Test]
    public void A_disk_it_cannot_read_is_a_commented_line_with_the_reason()
    {
        var (text, warnings) = FeatureWriter.Write(Request, Daily,
            [DiskFacts.CannotRead(new BackupTarget("daily", "localhost", "/srv/never"), "Amanda unreachable or misconfigured: no dump\nat all")]);
        text.ShouldContain("  # NOT CHECKED: localhost /srv/never: its dumps could not be read: Amanda unreachable or misconfigured: no dump at all\n");
        text.ShouldNotContain("Scenario:");
        warnings.ShouldHaveSingleItem().ShouldStartWith("localhost /srv/never: not written");
    }

    [TestCase("plain", false, "plain")]
    [TestCase("dir", true, "dir/")]
    [TestCase("a|b\\c", false, "a\\|b\\\\c")]
    [TestCase(" lead", false, null)]
    [TestCase("tab\there", false, null)]
    public void Table_cells_carry_names_as_the_step_reads_them(string name, bool directory, string? cell) =>
        DiskSurvey.TableCell(RawName.FromDisplay(name), directory).ShouldBe(cell);

    [Test]
    public void A_name_that_is_not_utf8_is_left_out_of_the_table() =>
        DiskSurvey.TableCell(RawName.FromBytes([0x66, 0xff]), false).ShouldBeNull();
}
