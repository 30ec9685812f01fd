using BackupAcceptance.Amanda.Catalogue;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Catalogue;

public sealed class DumpSizesTests
{
    // amadmin ba-daily info localhost /srv/fixtures/layered, Amanda 3.5.1, verbatim (a level 0 and a level 1 on record).
    private const string Info = """

        Current info for localhost /srv/fixtures/layered:
          Stats: dump rates (kps), Full:   20.0,  -1.0,  -1.0
                            Incremental:   20.0,  20.0,  -1.0
                  compressed size, Full: -100.0%,-100.0%,-100.0%
                            Incremental: -100.0%,-100.0%,-100.0%
          Dumps: lev datestmp  tape             file   origK   compK secs
                  0  20261205  ba-daily-01         6 1430 176 1
                  1  20261205  ba-daily-03         3 30 15 1
        """;

    [Test]
    public void Reads_each_level_with_its_size_before_compression()
    {
        var sizes = DumpSizes.Parse(Info);
        sizes.ShouldBe([new DumpSize(0, "20261205", 1430, 176), new DumpSize(1, "20261205", 30, 15)]);
        DumpSizes.Describe(sizes).ShouldBe("space needed: the files asked for are part of the disk's dumps, whose latest hold "
                                           + "level 0 of 20261205: 1,430 KiB, level 1 of 20261205: 30 KiB before compression (amadmin info)");
    }

    /// <summary>amadmin ba-nightly info of a dump left on the holding disk (amdump --no-taper), verbatim: no label.</summary>
    [Test]
    public void A_dump_on_the_holding_disk_has_a_size_without_a_label() =>
        DumpSizes.Parse("""

            Current info for localhost /srv/fixtures/nightly/holding:
              Stats: dump rates (kps), Full:   10.0,  -1.0,  -1.0
                                Incremental:   -1.0,  -1.0,  -1.0
                      compressed size, Full: -100.0%,-100.0%,-100.0%
                                Incremental: -100.0%,-100.0%,-100.0%
              Dumps: lev datestmp  tape             file   origK   compK secs
                      0  20261206                   0 10 10 1
            """).ShouldBe([new DumpSize(0, "20261206", 10, 10)]);

    [Test]
    public void Only_the_first_disks_record_counts() =>
        DumpSizes.Parse(Info + Info.Replace("layered", "other", StringComparison.Ordinal).Replace("1430", "999999", StringComparison.Ordinal))
            .ShouldBe([new DumpSize(0, "20261205", 1430, 176), new DumpSize(1, "20261205", 30, 15)]);

    [Test]
    public void Lines_outside_the_dumps_table_and_levels_never_done_are_not_sizes()
    {
        DumpSizes.Parse("""
              Stats: dump rates (kps), Full:  1200.0, -1.0, -1.0
                      0  20261205  ba-daily-003           4    1430     176 0
              Dumps: lev datestmp  tape             file   origK   compK secs
                      1  20261205  ba-daily-004           2      -1      -1 0
            """).ShouldBeEmpty();
        DumpSizes.Parse("").ShouldBeEmpty();
    }
}
