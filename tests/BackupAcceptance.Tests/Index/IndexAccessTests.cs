using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using NUnit.Framework;
using Shouldly;
using Need = BackupAcceptance.Amanda.Index.IndexAccess.Need;

namespace BackupAcceptance.Tests.Index;

/// <summary>The dump user's access to a disk's index, as the kernel decides it from owner, group and mode.</summary>
public sealed class IndexAccessTests
{
    // Debian's backup user: uid 34, groups backup (34), disk (6), tape (26).
    private static readonly DumpUserIdentity Backup = new("backup", 34, new HashSet<int> { 34, 6, 26 });

    private static PathStatus Status(string path, int uid, int gid, int mode, bool directory = false) =>
        new(path, uid, gid, uid == 0 ? "root" : "backup", gid == 0 ? "root" : "backup", (UnixFileMode)mode, directory);

    [TestCase(34, 34, 0b110_000_000, true, TestName = "Owner with rw-------: readable")]
    [TestCase(34, 34, 0b000_110_110, false, TestName = "Owner with ---rw-rw-: the owner's bits decide, not readable")]
    [TestCase(0, 0, 0b110_000_000, false, TestName = "root:root 0600: not readable")]
    [TestCase(0, 26, 0b110_100_000, true, TestName = "Group tape (a supplementary group) with r: readable")]
    [TestCase(0, 26, 0b110_000_100, false, TestName = "Group member with no group bits: the others' bits never apply")]
    [TestCase(0, 0, 0b110_100_100, true, TestName = "Anyone may read: readable")]
    [TestCase(34, 34, 0, false, TestName = "Owner with mode 0000: not readable")]
    public void Read(int uid, int gid, int mode, bool allowed) =>
        IndexAccess.Allows(Status("/i/f.gz", uid, gid, mode), Need.Read, Backup).ShouldBe(allowed);

    [Test]
    public void A_directory_needs_search_and_the_disks_own_directory_write_too()
    {
        var directory = Status("/i/localhost/_etc", 34, 34, 0b101_101_101, directory: true);
        IndexAccess.Allows(directory, Need.Search, Backup).ShouldBeTrue();
        IndexAccess.Allows(directory, Need.SearchAndWrite, Backup).ShouldBeFalse("amindexd sorts into it on the first browse");
        IndexAccess.Allows(Status("/var/lib/amanda", 0, 0, 0b111_111_000, directory: true), Need.Search, Backup).ShouldBeFalse();
    }

    [Test]
    public void A_dump_user_root_reads_everything() =>
        IndexAccess.Allows(Status("/i/f.gz", 0, 0, 0), Need.Read, new DumpUserIdentity("root", 0, new HashSet<int> { 0 })).ShouldBeTrue();

    [Test]
    public void Every_directory_from_the_root_down_is_needed_then_the_dump_files()
    {
        var needs = IndexAccess.Needs("/var/lib/amanda/ba-daily/index/localhost/_etc",
            ["/var/lib/amanda/ba-daily/index/localhost/_etc/20261206163729_0.header", "/var/lib/amanda/ba-daily/index/localhost/_etc/20261206163729_0-unsorted.gz"]);
        needs.Select(n => $"{n.Path} {n.Need}").ShouldBe([
            "/ Search", "/var Search", "/var/lib Search", "/var/lib/amanda Search", "/var/lib/amanda/ba-daily Search",
            "/var/lib/amanda/ba-daily/index Search", "/var/lib/amanda/ba-daily/index/localhost Search",
            "/var/lib/amanda/ba-daily/index/localhost/_etc SearchAndWrite",
            "/var/lib/amanda/ba-daily/index/localhost/_etc/20261206163729_0-unsorted.gz Read",
            "/var/lib/amanda/ba-daily/index/localhost/_etc/20261206163729_0.header Read",
        ]);
    }

    [Test]
    public void A_problem_names_the_path_its_owner_and_mode_and_the_dump_user()
    {
        var problems = IndexAccess.Problems([
            (Status("/i", 34, 34, 0b111_101_101, directory: true), Need.Search),
            (Status("/i/20261206163729_0-unsorted.gz", 0, 0, 0b110_000_000), Need.Read),
        ], Backup);
        problems.ShouldBe([
            "the index file /i/20261206163729_0-unsorted.gz (owner root:root (uid 0, gid 0), mode 0600) is not readable by " +
            "the dump user backup (uid 34, groups 6,26,34)",
        ]);
    }

    [Test]
    public void A_stat_record_is_read_with_its_type_and_permission_bits()
    {
        var status = PathStatus.Parse("34 34 81a4 backup backup /i/a name with spaces.gz");
        status.ShouldBe(new PathStatus("/i/a name with spaces.gz", 34, 34, "backup", "backup", (UnixFileMode)0b110_100_100, false));
        PathStatus.Parse("0 0 41ed root root /").IsDirectory.ShouldBeTrue();
    }

    [Test]
    public void Dump_files_with_an_8_digit_date_are_checked_as_well_as_the_14_digit_ones() =>
        IndexAccess.DumpFiles([
            "/i/h/d/20261201_0-unsorted.gz", "/i/h/d/20261201_1.gz", "/i/h/d/20261201_0.header",
            "/i/h/d/20261205103000_0.gz", "/i/h/d/20261205103000_2-unsorted.gz",
            "/i/h/d/notes.txt", "/i/h/d/2026120_0.gz", "/i/h/d/202612011_0.gz", "/i/h/d/x20261201_0.gz",
        ]).ShouldBe([
            "/i/h/d/20261201_0-unsorted.gz", "/i/h/d/20261201_1.gz", "/i/h/d/20261201_0.header",
            "/i/h/d/20261205103000_0.gz", "/i/h/d/20261205103000_2-unsorted.gz",
        ]);

    [Test]
    public void The_index_reader_finds_dumps_named_by_day_as_well_as_by_second()
    {
        var root = Directory.CreateTempSubdirectory("ba-index-names-").FullName;
        try
        {
            var disk = Directory.CreateDirectory(Path.Combine(root, "localhost", "_srv_data")).FullName;
            foreach (var name in new[] { "20261201_0.gz", "20261202_1-unsorted.gz", "20261205103000_0.gz", "20261201_0.header", "junk.gz" })
                File.WriteAllBytes(Path.Combine(disk, name), []);
            var (files, _) = IndexDirectory.Find(root, "localhost", "/srv/data");
            files.ShouldNotBeNull();
            files.Select(f => (Path.GetFileName(f.Path), f.Date.Value, f.Level)).ShouldBe([
                ("20261205103000_0.gz", new DateTime(2026, 12, 5, 10, 30, 0), 0),
                ("20261202_1-unsorted.gz", new DateTime(2026, 12, 2), 1),
                ("20261201_0.gz", new DateTime(2026, 12, 1), 0),
            ]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
