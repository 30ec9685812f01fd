using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Baseline;
using BackupAcceptance.Expectations;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Baseline;

public sealed class FeatureWriterTests
{
    private static readonly BaselineRequest Request = new("ba-daily", null, "/tmp/x.feature", false);
    private static readonly DumpSchedule Daily = new(0, 1);
    private static readonly DumpDate Today = DumpDate.Parse("2026-12-05-10-00-00");
    private static readonly DumpDate Yesterday = DumpDate.Parse("2026-12-04-10-00-00");
    private static readonly DateTime Now = new(2026, 12, 5, 12, 0, 0);

    private static DiskFacts Disk(string disk, int files, PreviousDump? previous = null, params string[] topLevel) =>
        new(new BackupTarget("ba-daily", "localhost", disk), Today, files, 3, previous, topLevel);

    [Test]
    public void Writes_a_scenario_per_disk_with_every_number_explained()
    {
        var (text, warnings) = FeatureWriter.Write(Request, Daily,
            [Disk("/etc", 1371, new PreviousDump(Yesterday, 1370), "X11/", "adduser.conf", "alternatives/", "apt/")], Now);
        warnings.ShouldBeEmpty();
        text.ShouldContain("""
              @host:localhost
              Scenario: localhost /etc
                Given ba-daily config for localhost /etc
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
        text.ShouldContain("@baseline @config:ba-daily\nFeature: Baseline of ba-daily\n");
        text.ShouldNotContain("apt/", customMessage: "only the first three top-level paths");
    }

    [Test]
    public void Is_the_same_text_for_the_same_dumps()
    {
        DiskFacts[] disks = [Disk("/a", 10), Disk("/b", 0)];
        FeatureWriter.Write(Request, Daily, disks, Now).Text.ShouldBe(FeatureWriter.Write(Request, Daily, disks, Now).Text);
    }

    [Test]
    public void Never_blesses_an_empty_backup()
    {
        var (text, warnings) = FeatureWriter.Write(Request, Daily, [Disk("/srv/hollow", 0, null, "a/")], Now);
        text.ShouldContain("    # WARNING: the dump of 2026-12-05-10-00-00 holds no file (3 directories): a baseline never blesses an empty backup\n    And the backup contains at least one file\n");
        text.ShouldNotContain("at least 0");
        warnings.ShouldHaveSingleItem().ShouldContain("localhost /srv/hollow: the dump of 2026-12-05-10-00-00 holds no file");
    }

    [Test]
    public void Writes_a_drift_the_dumps_already_break_with_a_warning()
    {
        var (text, warnings) = FeatureWriter.Write(Request, Daily, [Disk("/srv/shrinking", 50, new PreviousDump(Yesterday, 100))], Now);
        text.ShouldContain("# WARNING: 50 files against 100 in the dump before (2026-12-04-10-00-00): already more than 10% apart\n    And the file count is within 10% of the previous dump");
        warnings.ShouldHaveSingleItem();
    }

    [Test]
    public void A_previous_dump_that_cannot_be_counted_is_warned_of_and_still_compared()
    {
        var (text, warnings) = FeatureWriter.Write(Request, Daily, [Disk("/srv/lostindex", 10, new PreviousDump(Yesterday, null, "Index damaged: gone"))], Now);
        text.ShouldContain("# WARNING: the previous dump (2026-12-04-10-00-00) could not be counted: Index damaged: gone\n    And the file count is within 10% of the previous dump");
        warnings.ShouldHaveSingleItem();
    }

    [Test]
    public void A_disk_it_cannot_read_still_gets_a_scenario_that_fails_until_it_is_mended()
    {
        var (text, warnings) = FeatureWriter.Write(Request, Daily,
            [DiskFacts.CannotRead(new BackupTarget("ba-daily", "localhost", "/srv/never"), "Amanda unreachable or misconfigured: no dump\nat all")], Now);
        text.ShouldContain("""
              Scenario: localhost /srv/never
                # WARNING: its dumps could not be read: Amanda unreachable or misconfigured: no dump at all
                Given ba-daily config for localhost /srv/never
                Then the disk has a dump
                And the latest dump is no older than 26 hours
                And the backup contains at least one file
            """.ReplaceLineEndings("\n"));
        warnings.ShouldHaveSingleItem().ShouldStartWith("localhost /srv/never: its dumps could not be read");
    }

    [Test]
    public void The_whole_estate_gets_a_scenario_too_warned_when_any_disk_is()
    {
        var (text, _) = FeatureWriter.Write(Request, Daily, [Disk("/a", 10)], Now);
        text.ShouldEndWith("  @estate\n  Scenario: every disk of ba-daily\n    Given every disk of ba-daily config\n    Then every disk has a dump no older than 26 hours with at least 1 file\n");
        FeatureWriter.Write(Request, Daily, [Disk("/a", 0)], Now).Text.ShouldContain("# WARNING: 1 warning(s) above: this scenario fails until they are mended\n    Given every disk of ba-daily config");
        FeatureWriter.Write(Request with { Host = "localhost" }, Daily, [Disk("/a", 10)], Now).Text.ShouldNotContain("@estate");
    }

    [Test]
    public void A_disk_with_a_space_is_quoted_and_one_with_a_double_quote_cannot_be_written()
    {
        var (text, warnings) = FeatureWriter.Write(Request, Daily, [Disk("/srv/my disk", 10), Disk("/srv/say\"hi\"", 10)], Now);
        text.ShouldContain("    Given ba-daily config for localhost \"/srv/my disk\"\n");
        text.ShouldContain("  # NOT CHECKED: localhost /srv/say\"hi\": a disk name with a double quote cannot be written in a Given step\n");
        warnings.ShouldContain(w => w.Contains("NOT CHECKED", StringComparison.Ordinal));
    }

    [Test]
    public void A_latest_dump_already_too_old_is_warned_of()
    {
        var (text, warnings) = FeatureWriter.Write(Request, Daily, [Disk("/old", 10)], Now.AddDays(3));
        text.ShouldContain("    # WARNING: the latest dump (2026-12-05-10-00-00) is already 74 hours old\n    Then the latest dump is no older than 26 hours");
        warnings.ShouldHaveSingleItem();
    }

    [Test]
    public void Numbers_are_written_the_same_whatever_the_machines_locale()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var german = FeatureWriter.Write(Request, Daily, [Disk("/big", 12345, new PreviousDump(Yesterday, 23456))], Now).Text;
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            german.ShouldBe(FeatureWriter.Write(Request, Daily, [Disk("/big", 12345, new PreviousDump(Yesterday, 23456))], Now).Text);
            german.ShouldContain("12,345 files against 23,456");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
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
