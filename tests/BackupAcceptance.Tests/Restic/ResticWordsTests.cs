using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Restic;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Restic;

/// <summary>restic's JSON and its refusals, as restic 0.14 (Debian 12) prints them.</summary>
public sealed class ResticWordsTests
{
    [Test]
    public void Snapshots_are_read_oldest_first_with_nanoseconds_cut_to_ticks()
    {
        var snapshots = ResticJson.Snapshots("""
            [{"time":"2026-12-07T08:24:59.797879972Z","paths":["/d"],"hostname":"h","id":"8e77aa"},
             {"time":"2026-11-01T10:00:00Z","paths":["/d"],"hostname":"h","id":"4c2bbb"},
             {"time":"2026-12-07T09:24:59.5+01:00","paths":["/d"],"hostname":"h","id":"5d3ccc"}]
            """);
        snapshots.Select(s => s.Id).ShouldBe(["4c2bbb", "5d3ccc", "8e77aa"]); // 09:24:59.5+01:00 is before 08:24:59.8Z
        snapshots[2].Time.ShouldBe(new DateTimeOffset(2026, 12, 7, 8, 24, 59, TimeSpan.Zero).AddTicks(7978799));
        ResticJson.Snapshots("").ShouldBeEmpty();
        snapshots[0].Excludes.ShouldBeEmpty();
        ResticJson.Snapshots("""[{"time":"2026-12-07T08:24:59Z","paths":["/d"],"excludes":["*.tmp","/d/cache"],"id":"aa"}]""")[0].Excludes
            .ShouldBe(["*.tmp", "/d/cache"]);
    }

    [Test]
    public void Nodes_below_the_path_are_kept_relative_and_others_left_out()
    {
        const string root = "/srv/data";
        ResticJson.Node("""{"time":"2026-12-07T08:25:06Z","tree":"5e","paths":["/srv/data"],"id":"f5","struct_type":"snapshot"}""", root).ShouldBeNull();
        ResticJson.Node("""{"name":"data","type":"dir","path":"/srv/data","mtime":"2026-12-07T08:24:59Z","struct_type":"node"}""", root).ShouldBeNull();
        ResticJson.Node("""{"name":"data2","type":"file","path":"/srv/data2/x","size":2,"mtime":"2026-12-07T08:24:59Z","struct_type":"node"}""", root).ShouldBeNull();
        ResticJson.Node("""{"name":"a","type":"file","path":"/srv/data/sub/a","size":2,"mtime":"2026-12-07T08:24:59.759410797Z","struct_type":"node"}""", root)
            .ShouldBe(new TreeEntry("sub/a", EntryKind.RegularFile, 2, new DateTimeOffset(2026, 12, 7, 8, 24, 59, TimeSpan.Zero).AddTicks(7594107)));
        ResticJson.Node("""{"name":"l","type":"symlink","path":"/srv/data/l","mtime":"2026-12-07T08:24:59Z","struct_type":"node"}""", root)!.Kind.ShouldBe(EntryKind.Other);
        ResticJson.Node("""{"name":"s","type":"dir","path":"/srv/data/s","mtime":"2026-12-07T08:24:59Z","struct_type":"node"}""", root)!.IsDirectory.ShouldBeTrue();
    }

    [TestCase("Fatal: unable to open config file: stat /x/config: no such file or directory\nIs there a repository at the following location?\n/x", false, FailureCategory.RepositoryUnreachable)]
    [TestCase("Fatal: wrong password or no key found", true, FailureCategory.RepositoryUnreachable)]
    [TestCase("reading repository password from stdin\nFatal: an empty password is not a password", false, FailureCategory.RepositoryUnreachable)]
    [TestCase("decrypting blob a6a2 failed: ciphertext verification failed\ngithub.com/restic/restic/internal/repository.(*Repository).LoadBlob\n\tgithub.com/restic/restic/internal/repository/repository.go:303", true, FailureCategory.RepositoryDamaged)]
    [TestCase("something restic never said before", true, FailureCategory.RepositoryDamaged)]
    [TestCase("something restic never said before", false, FailureCategory.RepositoryUnreachable)]
    public void Refusals_are_sorted_by_restic_s_words(string stderr, bool reading, FailureCategory category) =>
        ResticRefusals.Of("/x", "ls", 1, stderr, reading).Category.ShouldBe(category);

    [TestCase("ignoring error for /srv/restic-fixtures/good/sub: decrypting blob 8b0b failed: ciphertext verification failed\nFatal: There were 4 errors", FailureCategory.RepositoryDamaged)]
    [TestCase("ignoring error for /srv/data/big.iso: write /area/srv/data/big.iso: no space left on device\nFatal: There were 1 errors", FailureCategory.RestoreFailed)]
    [TestCase("ignoring error for /srv/data/dev/sda: mknod /area/srv/data/dev/sda: operation not permitted\nFatal: There were 1 errors", FailureCategory.RestoreFailed)]
    [TestCase("Fatal: wrong password or no key found", FailureCategory.RepositoryUnreachable)]
    public void A_whole_restore_s_errors_are_the_repository_s_only_when_its_data_did_not_read_back(string stderr, FailureCategory category) =>
        ResticRefusals.OfRestore("/x", 1, stderr).Category.ShouldBe(category);

    [TestCase("/srv/data", "/srv/data")]
    [TestCase("/srv/da*ta?/[x]", "/srv/da\\*ta\\?/\\[x\\]")]
    [TestCase("/srv/back\\slash", "/srv/back\\\\slash")]
    public void A_path_made_a_restic_pattern_matches_only_itself(string path, string pattern) => ResticPattern.Literal(path).ShouldBe(pattern);

    [Test]
    public void A_socket_is_its_own_kind() =>
        ResticJson.Node("""{"name":"s","type":"socket","path":"/srv/data/s","mtime":"2026-12-07T08:24:59Z","struct_type":"node"}""", "/srv/data")!
            .Kind.ShouldBe(EntryKind.Socket);

    [Test]
    public void A_go_stack_trace_is_left_out_of_the_sentence() =>
        ResticRefusals.LastWords("decrypting blob a6 failed: ciphertext verification failed\ngithub.com/restic/restic/internal/walker.walk\n\tgithub.com/restic/restic/internal/walker/walker.go:102\nruntime.goexit\n\truntime/asm_amd64.s:1594\n")
            .ShouldBe("decrypting blob a6 failed: ciphertext verification failed");

    [Test]
    public void Words_that_restic_could_read_as_options_never_reach_it()
    {
        Should.Throw<ArgumentException>(() => new ResticRepository("/r", "h", "relative/path"));
        Should.Throw<ArgumentException>(() => new ResticRepository("/r\n--x", "h", "/p"));
        new ResticRepository("/r", "h", "/p/").Path.ShouldBe("/p");
        new ResticRepository("/r", "h", "//srv//data/").Path.ShouldBe("/srv/data");
        new ResticRepository("/r", "h", "//").Path.ShouldBe("/");
    }

    [Test]
    public void A_snapshot_left_out_of_a_listing_or_a_listing_of_another_snapshot_is_seen()
    {
        ResticRefusals.SkippedSnapshots("could not load snapshot 1a2b3c4d: ciphertext verification failed\n").ShouldNotBeNull();
        ResticRefusals.SkippedSnapshots("Ignoring \"deadbeef\": no matching ID found\n").ShouldNotBeNull();
        ResticRefusals.SkippedSnapshots("").ShouldBeNull();
        var listed = ResticJson.ListedSnapshot("""{"time":"2026-12-07T08:25:06Z","id":"f5","paths":["/d"],"struct_type":"snapshot"}""")!;
        (listed.Id, listed.Time).ShouldBe(("f5", new DateTimeOffset(2026, 12, 7, 8, 25, 6, TimeSpan.Zero)));
        ResticJson.ListedSnapshot("""{"name":"a","type":"file","path":"/d/a","struct_type":"node"}""").ShouldBeNull();
    }

    [TestCase("rest:https://backup:s3cret@server:8000/repo", "rest:https://backup:***@server:8000/repo")]
    [TestCase("sftp:user@host:/srv/restic", "sftp:user@host:/srv/restic")]
    [TestCase("/srv/restic/repo", "/srv/restic/repo")]
    public void A_password_in_the_location_is_never_shown(string location, string shown) => ResticLocation.Shown(location).ShouldBe(shown);

    [Test]
    public void A_password_in_a_feature_file_is_refused_and_one_from_the_environment_is_never_shown()
    {
        Should.Throw<ArgumentException>(() => new ResticRepository("rest:https://backup:s3cret@server/repo", "h", "/p"))
            .Message.ShouldContain("$RESTIC_REPOSITORY");
        var fromVariable = new ResticOptions { Variable = v => v == "RESTIC_REPOSITORY" ? "rest:https://backup:s3cret@server/repo" : null };
        var repository = new ResticRepository(ResticRepository.FromVariable, "h", "/p", fromVariable);
        repository.Location.ShouldBe("rest:https://backup:s3cret@server/repo");
        repository.Subject.ShouldBe("restic rest:https://backup:***@server/repo h:/p");
        Should.Throw<ArgumentException>(() => new ResticRepository(ResticRepository.FromVariable, "h", "/p", new ResticOptions { Variable = _ => null }));
    }

    [Test]
    public async Task No_password_variable_and_no_restic_program_are_said_before_anything_runs()
    {
        var none = new ResticOptions { Variable = _ => null };
        var refused = await Should.ThrowAsync<SourceRefusedException>(() => new ResticRepository("/r", "h", "/p", none).SnapshotsAsync(CancellationToken.None));
        refused.Category.ShouldBe(FailureCategory.RepositoryUnreachable);
        refused.Expected.ShouldContain("RESTIC_PASSWORD_FILE");

        var missing = new ResticOptions { Variable = v => v == "RESTIC_PASSWORD_FILE" ? "/x" : null, Program = "/nonexistent/restic" };
        refused = await Should.ThrowAsync<SourceRefusedException>(() => new ResticRepository("/r", "h", "/p", missing).SnapshotsAsync(CancellationToken.None));
        refused.Category.ShouldBe(FailureCategory.RepositoryUnreachable);
        refused.Found.ShouldContain("'/nonexistent/restic' cannot be run");
    }

    [Test]
    public async Task A_restic_that_hangs_is_stopped_at_its_bound_and_named()
    {
        // A stand-in that never answers (a repository on a dead network mount): the real restic cannot be made to hang.
        var hanging = Path.Combine(Directory.CreateTempSubdirectory("ba-restic-hang-").FullName, "restic");
        await File.WriteAllTextAsync(hanging, "#!/bin/sh\nexec sleep 60\n");
        File.SetUnixFileMode(hanging, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var options = new ResticOptions { Variable = _ => "/x", Program = hanging, CommandTimeout = TimeSpan.FromSeconds(1) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var refused = await Should.ThrowAsync<SourceRefusedException>(() => new ResticRepository("/r", "h", "/p", options).SnapshotsAsync(CancellationToken.None));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        refused.Category.ShouldBe(FailureCategory.RepositoryUnreachable);
        refused.Expected.ShouldBe("restic snapshots to finish within 1 s");
        Directory.Delete(Path.GetDirectoryName(hanging)!, recursive: true);
    }
}
