using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Core;

/// <summary>The core's checks on a backup system held in memory: each passes on a good history and fails, with its
/// category and a sentence naming the subject and the snapshot, on the bad one it exists to catch.</summary>
public sealed class CoreRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static BackupInView View(MemorySource source, SnapshotChoice? choice = null) => new(source, choice ?? SnapshotChoice.Latest, "memory transcript");

    private static Task<CheckFailedException> FailsAsync(Func<Task> check, FailureCategory category) =>
        FailsOnAsync(check, category, "memory test:/data (", "\n\nmemory transcript (last lines):\nmemory: the last words");

    /// <summary>As <see cref="FailsAsync"/>, for the system that restores its own way (<see cref="RestoringHistory"/>).</summary>
    private static Task<CheckFailedException> RestoringFailsAsync(Func<Task> check, FailureCategory category) =>
        FailsOnAsync(check, category, "restoring test:/data (dump d1): ", "restoring: the last words");

    /// <summary>The check fails with <paramref name="category"/>, naming the subject and ending with its transcript's words.</summary>
    private static async Task<CheckFailedException> FailsOnAsync(Func<Task> check, FailureCategory category, string subject, string lastWords)
    {
        var failure = await Should.ThrowAsync<CheckFailedException>(check);
        failure.Category.ShouldBe(category, failure.Message);
        failure.Message.ShouldStartWith($"{category.Title()}: {subject}");
        failure.Message.ShouldContain(lastWords);
        return failure;
    }

    [Test]
    public async Task Files_pass_and_directories_alone_are_hollow()
    {
        var good = new MemorySource();
        good.Add(Now, ("a", null), ("a/x", "1"));
        (await ContentRules.RequireFilesAsync(View(good), 1, CancellationToken.None)).Files.ShouldBe(1);

        var hollow = new MemorySource();
        hollow.Add(Now, ("a", null), ("a/b", null));
        var failure = await FailsAsync(() => ContentRules.RequireFilesAsync(View(hollow), 1, CancellationToken.None), FailureCategory.HollowBackup);
        failure.Found.ShouldBe("0 files in 2 directories below the root");
        await FailsAsync(() => ContentRules.RequireFilesAsync(View(good), 2, CancellationToken.None), FailureCategory.TooFewFiles);
    }

    [Test]
    public async Task A_directory_needs_a_file_below_it_and_must_exist()
    {
        var source = new MemorySource();
        source.Add(Now, ("a", null), ("a/b", null), ("c", null), ("c/d", null), ("c/d/f", "x"));
        (await ContentRules.RequireFilesBelowAsync(View(source), "/c/", CancellationToken.None)).Files.ShouldBe(1);
        (await ContentRules.RequireFilesBelowAsync(View(source), "/", CancellationToken.None)).Files.ShouldBe(1, "the root is the whole backup");
        await FailsAsync(() => ContentRules.RequireFilesBelowAsync(View(source), "a", CancellationToken.None), FailureCategory.HollowBackup);
        await FailsAsync(() => ContentRules.RequireFilesBelowAsync(View(source), "zz", CancellationToken.None), FailureCategory.MissingPath);
        // "ab" is not below "a": a sibling that starts alike never counts.
        var sibling = new MemorySource();
        sibling.Add(Now, ("a", null), ("ab", null), ("ab/f", "x"));
        await FailsAsync(() => ContentRules.RequireFilesBelowAsync(View(sibling), "a", CancellationToken.None), FailureCategory.HollowBackup);
    }

    [Test]
    public async Task Every_missing_path_is_listed_and_a_file_is_not_a_directory()
    {
        var source = new MemorySource();
        source.Add(Now, ("etc", null), ("etc/passwd", "x"));
        (await ContentRules.RequirePathsAsync(View(source), ["etc/", "/etc/passwd"], CancellationToken.None)).ShouldBe(2);
        var failure = await FailsAsync(() => ContentRules.RequirePathsAsync(View(source), ["etc/passwd/", "nope", "etc"], CancellationToken.None), FailureCategory.MissingPath);
        failure.Found.ShouldBe("2 missing paths: /etc/passwd/ (a file, not a directory), /nope (absent)");
    }

    [TestCase(100, 90, 10, true)]
    [TestCase(100, 89, 10, false)]
    [TestCase(100, 110, 10, true)]
    [TestCase(100, 111, 10, false)]
    public async Task A_count_change_beyond_the_percentage_either_way_is_a_drop(int before, int after, int percent, bool passes)
    {
        var source = new MemorySource();
        source.Add(Now.AddDays(-1), [.. Enumerable.Range(0, before).Select(i => ($"f{i}", (string?)"x"))]);
        source.Add(Now, [.. Enumerable.Range(0, after).Select(i => ($"f{i}", (string?)"x"))]);
        if (passes) (await CountRules.RequireWithinPreviousAsync(View(source), percent, CancellationToken.None)).Reference.ShouldBe(before);
        else await FailsAsync(() => CountRules.RequireWithinPreviousAsync(View(source), percent, CancellationToken.None), FailureCategory.CountDrop);
    }

    [Test]
    public async Task A_count_needs_a_snapshot_before_and_files_in_this_one()
    {
        var single = new MemorySource();
        single.Add(Now, ("f", "x"));
        await FailsAsync(() => CountRules.RequireWithinPreviousAsync(View(single), 10, CancellationToken.None), FailureCategory.StaleBackup);
        var hollow = new MemorySource();
        hollow.Add(Now.AddDays(-1), ("d", null));
        hollow.Add(Now, ("d", null));
        await FailsAsync(() => CountRules.RequireWithinPreviousAsync(View(hollow), 10, CancellationToken.None), FailureCategory.HollowBackup);
    }

    [Test]
    public async Task The_live_count_counts_links_as_files_and_never_follows_them()
    {
        var live = Directory.CreateTempSubdirectory("ba-live-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(live, "d/e"));
            await File.WriteAllTextAsync(Path.Combine(live, "d/e/f"), "x");
            File.CreateSymbolicLink(Path.Combine(live, "link"), Path.Combine(live, "d"));
            LiveCount.Files(live).ShouldBe(2);
            var source = new MemorySource();
            source.Add(Now, ("d", null), ("d/e", null), ("d/e/f", "x"), ("d/e/g", "y"), ("d/e/h", "z"));
            var failure = await FailsAsync(() => CountRules.RequireWithinLiveAsync(View(source), live, 10, CancellationToken.None), FailureCategory.CountDrop);
            failure.Found.ShouldBe("3 files in the backup (+50%)");
        }
        finally
        {
            Directory.Delete(live, recursive: true);
        }
    }

    [Test]
    public async Task A_system_that_reads_its_own_live_side_is_held_against_it_and_a_hollow_backup_never_waits_on_it()
    {
        var latest = Dump("d1", Now);
        var within = new LiveCountedHistory(new CountedHistory((latest, new BackupCount(95, 3))), new LiveFiles(100, ", 20 more excluded by the DLE"));
        (await CountRules.RequireWithinLiveAsync(new BackupInView(within, SnapshotChoice.Latest, "t"), null, 5, CancellationToken.None))
            .ShouldBe(new CountRules.CountChange(95, 100));

        var beyond = new LiveCountedHistory(new CountedHistory((latest, new BackupCount(94, 3) { Note = "; the state a restore gives" })),
            new LiveFiles(100, ", 20 more excluded by the DLE"));
        var failure = await Should.ThrowAsync<CheckFailedException>(() =>
            CountRules.RequireWithinLiveAsync(new BackupInView(beyond, SnapshotChoice.Latest, "t"), null, 5, CancellationToken.None));
        (failure.Category, failure.Expected, failure.Found).ShouldBe((FailureCategory.CountDrop,
            "the file count within 5% of the live directory (100 files now, 20 more excluded by the DLE)", "94 files in the backup (-6%; the state a restore gives)"));

        var elsewhere = new LiveCountedHistory(new CountedHistory((latest, new BackupCount(95, 3))), null);
        (await Should.ThrowAsync<CheckFailedException>(() =>
            CountRules.RequireWithinLiveAsync(new BackupInView(elsewhere, SnapshotChoice.Latest, "t"), null, 5, CancellationToken.None)))
            .Category.ShouldBe(FailureCategory.SuiteDefect);
        // Hollow is the backup's fault whatever the live side: a live side that cannot be read does not hide it.
        var hollow = new LiveCountedHistory(new CountedHistory((latest, new BackupCount(0, 3))), null);
        (await Should.ThrowAsync<CheckFailedException>(() =>
            CountRules.RequireWithinLiveAsync(new BackupInView(hollow, SnapshotChoice.Latest, "t"), null, 5, CancellationToken.None)))
            .Category.ShouldBe(FailureCategory.HollowBackup);
    }

    [Test]
    public async Task A_snapshot_with_exclude_patterns_is_not_counted_against_the_live_tree()
    {
        var source = new MemorySource { Excludes = ["*.tmp"] };
        source.Add(Now, ("f", "x"));
        var failure = await FailsAsync(() => CountRules.RequireWithinLiveAsync(View(source), "/nonexistent", 10, CancellationToken.None), FailureCategory.InputError);
        failure.Found.ShouldBe("it was taken with '*.tmp'");
    }

    [Test]
    public async Task The_same_tree_twice_is_stale_and_a_changed_size_differs()
    {
        var source = new MemorySource();
        source.Add(Now.AddDays(-1), ("f", "abc"));
        source.Add(Now, ("f", "abc"));
        await FailsAsync(() => ChangeRule.RequireDifferentFromPreviousAsync(View(source), CancellationToken.None), FailureCategory.StaleBackup);
        var changed = new MemorySource();
        changed.Add(Now, ("f", "abc"));
        changed.Add(Now, ("f", "abcd"));
        (await ChangeRule.RequireDifferentFromPreviousAsync(View(changed), CancellationToken.None)).ShouldBe(2);
    }

    [Test]
    public async Task Ages_pass_up_to_the_limit_and_fail_beyond_it()
    {
        var source = new MemorySource();
        source.Add(Now.AddHours(-26), ("f", "x"));
        (await FreshnessRules.RequireLatestNoOlderThanAsync(View(source), TimeSpan.FromHours(26), Now, CancellationToken.None)).Time.ShouldBe(Now.AddHours(-26));
        var failure = await FailsAsync(() => FreshnessRules.RequireLatestNoOlderThanAsync(View(source), TimeSpan.FromHours(25), Now, CancellationToken.None), FailureCategory.StaleBackup);
        failure.Message.ShouldContain("(snapshot 00000001 of 2026-12-06 10:00:00 UTC)");
        await FailsAsync(() => FreshnessRules.RequireLatestNoOlderThanAsync(View(new MemorySource()), TimeSpan.FromHours(25), Now, CancellationToken.None), FailureCategory.StaleBackup);
    }

    [Test]
    public async Task The_recovery_point_is_the_newest_snapshot_holding_the_path()
    {
        var source = new MemorySource();
        source.Add(Now.AddDays(-3), ("keep", "x"), ("gone", "y"));
        source.Add(Now.AddHours(-1), ("keep", "x"));
        (await FreshnessRules.RequirePathNoOlderThanAsync(View(source), "keep", TimeSpan.FromHours(2), Now, CancellationToken.None)).From.Time.ShouldBe(Now.AddHours(-1));
        await FailsAsync(() => FreshnessRules.RequirePathNoOlderThanAsync(View(source), "gone", TimeSpan.FromHours(26), Now, CancellationToken.None), FailureCategory.StaleBackup);
        // Not in the snapshots of the last 26 hours: older ones are not asked, and it is stale whatever they hold.
        (await FailsAsync(() => FreshnessRules.RequirePathNoOlderThanAsync(View(source), "never", TimeSpan.FromHours(26), Now, CancellationToken.None), FailureCategory.StaleBackup))
            .Found.ShouldBe("it is in none of the 1 snapshot(s) of that age; older ones were not asked");
        await FailsAsync(() => FreshnessRules.RequirePathNoOlderThanAsync(View(source), "never", TimeSpan.FromHours(100), Now, CancellationToken.None), FailureCategory.MissingPath);
        // The subject itself is in every snapshot: its recovery point is the chosen one, the system not asked.
        (await FreshnessRules.RequirePathNoOlderThanAsync(View(source), "/", TimeSpan.FromHours(1), Now, CancellationToken.None)).From.Time.ShouldBe(Now.AddHours(-1));
        await FailsAsync(() => FreshnessRules.RequirePathNoOlderThanAsync(View(source, SnapshotChoice.BeforeLatest), "/", TimeSpan.FromHours(71), Now,
            CancellationToken.None), FailureCategory.StaleBackup);
        await FailsAsync(() => FreshnessRules.RequirePathNoOlderThanAsync(View(source), "../etc", TimeSpan.FromHours(100), Now, CancellationToken.None), FailureCategory.InputError);
    }

    [Test]
    public async Task The_choice_of_snapshot_is_kept_and_none_that_old_is_stale()
    {
        var source = new MemorySource();
        var first = source.Add(Now.AddDays(-2), ("f", "x"));
        source.Add(Now, ("f", "x"), ("g", "y"));
        (await View(source, SnapshotChoice.BeforeLatest).SnapshotAsync(CancellationToken.None)).ShouldBe(first);
        (await View(source, SnapshotChoice.AsOf(Now.AddDays(-1), "yesterday")).SnapshotAsync(CancellationToken.None)).ShouldBe(first);
        await FailsAsync(() => View(source, SnapshotChoice.AsOf(Now.AddDays(-3), "2026-12-04")).SnapshotAsync(CancellationToken.None), FailureCategory.StaleBackup);
        var view = View(source);
        await ContentRules.RequireFilesAsync(view, 1, CancellationToken.None);
        await ContentRules.RequireFilesAsync(view, 2, CancellationToken.None);
        source.TreeReads.ShouldBe(1, "a scenario reads a snapshot's tree once");
    }

    private static Snapshot Dump(string id, DateTimeOffset time) => new(id, time) { Name = $"dump {id}" };

    [Test]
    public async Task A_count_against_the_previous_backup_takes_the_systems_own_counts_in_its_words()
    {
        var before = Dump("d1", Now.AddDays(-1));
        var latest = Dump("d2", Now);
        var history = new CountedHistory((before, new BackupCount(100, 10)), (latest, new BackupCount(50, 10) { Note = "; the state a restore gives" }));
        var view = new BackupInView(history, SnapshotChoice.Latest, "amrecover transcript");
        var failure = await Should.ThrowAsync<CheckFailedException>(() => CountRules.RequireWithinPreviousAsync(view, 49, CancellationToken.None));
        failure.Message.ShouldStartWith("Count drop: counted test:/data (dump d2): expected the file count within 49% of the previous dump " +
            "(dump d1: 100 files); found 50 files (-50%; the state a restore gives).");
        (await CountRules.RequireWithinPreviousAsync(view, 50, CancellationToken.None)).ShouldBe(new CountRules.CountChange(50, 100), "exactly the limit passes");
        history.Counts.ShouldBe(2, "each backup counted once per scenario, and no tree asked for");

        var first = new BackupInView(new CountedHistory((latest, new BackupCount(5, 1))), SnapshotChoice.Latest, "amrecover transcript");
        var none = await Should.ThrowAsync<CheckFailedException>(() => CountRules.RequireWithinPreviousAsync(first, 10, CancellationToken.None));
        (none.Category, none.Found).ShouldBe((FailureCategory.StaleBackup, "this is the first dump in the disk's history"));
        var hollow = new BackupInView(new CountedHistory((before, new BackupCount(100, 10)), (latest, new BackupCount(0, 7))), SnapshotChoice.Latest, "t");
        var empty = await Should.ThrowAsync<CheckFailedException>(() => CountRules.RequireWithinPreviousAsync(hollow, 99, CancellationToken.None));
        (empty.Category, empty.Found).ShouldBe((FailureCategory.HollowBackup, "0 files in 7 directories below the root"),
            "a hollow backup is hollow whatever the one before held");
    }

    /// <summary>A history whose system counts as far as a minimum: never whole, and says what it could not reach.</summary>
    private sealed class FloorHistory(Snapshot only, BackupCount floor) : IBackupHistory, IFilesAtLeast
    {
        public string Subject => "floor test:/data";

        public int? AskedFor { get; private set; }

        public Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Snapshot>>([only]);

        public Task<BackupCount> CountAtLeastAsync(Snapshot snapshot, int minimum, CancellationToken cancellationToken)
        {
            AskedFor = minimum;
            return Task.FromResult(floor);
        }

        public string TranscriptTail() => "";
    }

    [Test]
    public async Task At_least_N_files_asks_a_system_that_can_stop_there_and_reports_no_count_it_did_not_finish()
    {
        var dump = Dump("d1", Now);
        var enough = new FloorHistory(dump, new BackupCount(3, 1) { Complete = false });
        (await ContentRules.RequireFilesAsync(new BackupInView(enough, SnapshotChoice.Latest, "t"), 3, CancellationToken.None)).Files.ShouldBe(3);
        enough.AskedFor.ShouldBe(3, "the floor, not a whole count: no tree is asked for");

        var unreached = new FloorHistory(dump, new BackupCount(2, 4) { Complete = false, Note = " (2 directories could not be entered)" });
        var failure = await Should.ThrowAsync<CheckFailedException>(() =>
            ContentRules.RequireFilesAsync(new BackupInView(unreached, SnapshotChoice.Latest, "t"), 3, CancellationToken.None));
        (failure.Category, failure.Found).ShouldBe((FailureCategory.TooFewFiles, "2 files in 4 directories below the root (2 directories could not be entered)"));
        failure.FilesCounted.ShouldBeNull("a count that could not reach every directory is not the backup's count");
        var whole = new FloorHistory(dump, new BackupCount(1, 4));
        (await Should.ThrowAsync<CheckFailedException>(() =>
            ContentRules.RequireFilesAsync(new BackupInView(whole, SnapshotChoice.Latest, "t"), 3, CancellationToken.None))).FilesCounted.ShouldBe(1);
    }

    /// <summary>A system that looks paths up and counts below a directory its own way, and never lists a tree.</summary>
    private sealed class LookupHistory(Snapshot only, Dictionary<string, bool> paths, BackupCount? below) : IBackupHistory, IPathLookup, IFilesBelow
    {
        public string Subject => "lookup test:/data";

        public List<string> Asked { get; } = [];

        public Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Snapshot>>([only]);

        public Task<IReadOnlyList<FoundPath?>> FindAllAsync(Snapshot snapshot, IReadOnlyList<string> asked, CancellationToken cancellationToken)
        {
            Asked.AddRange(asked);
            return Task.FromResult<IReadOnlyList<FoundPath?>>([.. asked.Select(p => paths.TryGetValue(p, out var directory) ? new FoundPath(directory) : null)]);
        }

        public Task<BackupCount?> CountBelowAtLeastAsync(Snapshot snapshot, string directory, int minimum, CancellationToken cancellationToken)
        {
            Asked.Add($"{directory} >= {minimum}");
            return Task.FromResult(below);
        }

        public string TranscriptTail() => "lookup: the last words";
    }

    [Test]
    public async Task Paths_and_directories_are_asked_of_a_system_that_looks_them_up_its_own_way()
    {
        var dump = Dump("d1", Now);
        var history = new LookupHistory(dump, new() { ["etc"] = true, ["etc/passwd"] = false }, new BackupCount(1, 3) { Complete = false });
        var view = new BackupInView(history, SnapshotChoice.Latest, "t");
        (await ContentRules.RequirePathsAsync(view, ["./etc/", "etc/passwd"], CancellationToken.None)).ShouldBe(2);
        (await ContentRules.RequireFilesBelowAsync(view, "etc", CancellationToken.None)).Files.ShouldBe(1);
        history.Asked.ShouldBe(["etc", "etc/passwd", "etc >= 1"], "the relative path, never the whole tree");

        var failure = await Should.ThrowAsync<CheckFailedException>(() =>
            ContentRules.RequirePathsAsync(new BackupInView(history, SnapshotChoice.Latest, "t"), ["etc/passwd/", "gone"], CancellationToken.None));
        (failure.Category, failure.Found, failure.BackupId).ShouldBe((FailureCategory.MissingPath,
            "2 missing paths: /etc/passwd/ (a file, not a directory), /gone (absent)", dump.Id));
        failure.Expected.ShouldBe("all 2 paths to be in the backup");

        var hollow = new LookupHistory(dump, [], new BackupCount(0, 4) { Note = " (1 directory amrecover could not enter)" });
        (await Should.ThrowAsync<CheckFailedException>(() =>
            ContentRules.RequireFilesBelowAsync(new BackupInView(hollow, SnapshotChoice.Latest, "t"), "etc", CancellationToken.None)))
            .Found.ShouldBe("0 files in 4 directories below it (1 directory amrecover could not enter)");
        var absent = new LookupHistory(dump, [], null);
        (await Should.ThrowAsync<CheckFailedException>(() =>
            ContentRules.RequireFilesBelowAsync(new BackupInView(absent, SnapshotChoice.Latest, "t"), "etc", CancellationToken.None)))
            .Category.ShouldBe(FailureCategory.MissingPath);
    }

    /// <summary>A system that compares two backups its own way, and says which two it was asked for.</summary>
    private sealed class ComparingHistory(Snapshot[] backups, BackupDifference difference) : IBackupHistory, IBackupComparison
    {
        public string Subject => "comparing test:/data";

        public BackupWords Words { get; } = new("dump", "in the disk's history");

        public (string Backup, string Previous)? Asked { get; private set; }

        public Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Snapshot>>(backups);

        public Task<BackupDifference> CompareAsync(Snapshot backup, Snapshot previous, CancellationToken cancellationToken)
        {
            Asked = (backup.Id, previous.Id);
            return Task.FromResult(difference);
        }

        public string TranscriptTail() => "";
    }

    [Test]
    public async Task A_system_that_compares_its_own_backups_is_asked_for_the_chosen_one_and_the_one_before()
    {
        Snapshot[] three = [Dump("d1", Now.AddDays(-2)), Dump("d2", Now.AddDays(-1)), Dump("d3", Now)];
        var differs = new ComparingHistory(three, new BackupDifference(true, 12, ""));
        (await ChangeRule.RequireDifferentFromPreviousAsync(new BackupInView(differs, SnapshotChoice.BeforeLatest, "t"), CancellationToken.None)).ShouldBe(12);
        differs.Asked.ShouldBe(("d2", "d1"));

        var alike = new ComparingHistory(three, new BackupDifference(false, 10, "the same 10 paths"));
        var failure = await Should.ThrowAsync<CheckFailedException>(() =>
            ChangeRule.RequireDifferentFromPreviousAsync(new BackupInView(alike, SnapshotChoice.Latest, "t"), CancellationToken.None));
        (failure.Category, failure.Expected, failure.Found, failure.BackupId).ShouldBe((FailureCategory.StaleBackup,
            "the dump to differ from the one before it, dump d2", "the same 10 paths", "d3"));

        var first = new ComparingHistory([three[0]], new BackupDifference(true, 1, ""));
        (await Should.ThrowAsync<CheckFailedException>(() =>
            ChangeRule.RequireDifferentFromPreviousAsync(new BackupInView(first, SnapshotChoice.Latest, "t"), CancellationToken.None)))
            .Found.ShouldBe("this is the first dump in the disk's history");
        first.Asked.ShouldBeNull();
    }

    /// <summary>A system that dates a path's newest version itself (as an Amanda chain does).</summary>
    private sealed class DatingHistory(Snapshot[] backups, PathVersion? version) : IBackupHistory, IRecoveryPoint
    {
        public string Subject => "dating test:/data";

        public BackupWords Words { get; } = new("dump", "in the disk's history");

        public (string Chosen, string Path)? Asked { get; private set; }

        public Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Snapshot>>(backups);

        public Task<PathVersion?> NewestVersionAsync(Snapshot chosen, string path, CancellationToken cancellationToken)
        {
            Asked = (chosen.Id, path);
            return Task.FromResult(version);
        }

        public string TranscriptTail() => "";
    }

    [Test]
    public async Task A_system_that_dates_a_path_itself_is_asked_once_and_its_note_reaches_the_reader()
    {
        var level0 = Dump("d1", Now.AddDays(-10)) with { Detail = "level 0" };
        var level1 = Dump("d2", Now.AddHours(-2)) with { Detail = "level 1" };
        var fresh = new DatingHistory([level0, level1], new PathVersion("docs/a", level1, " (present, unchanged since the dump of d1)"));
        (await FreshnessRules.RequirePathNoOlderThanAsync(new BackupInView(fresh, SnapshotChoice.Latest, "t"), "./docs/a", TimeSpan.FromHours(26), Now,
            CancellationToken.None)).From.ShouldBe(level1);
        fresh.Asked.ShouldBe(("d2", "docs/a"));

        var old = new DatingHistory([level0, level1], new PathVersion("docs/a", level0, "; it was gone when the level 1 dump of d2 was taken"));
        var failure = await Should.ThrowAsync<CheckFailedException>(() =>
            FreshnessRules.RequirePathNoOlderThanAsync(new BackupInView(old, SnapshotChoice.Latest, "t"), "docs/a", TimeSpan.FromHours(26), Now, CancellationToken.None));
        (failure.Category, failure.BackupId).ShouldBe((FailureCategory.StaleBackup, "d1"));
        failure.Found.ShouldBe("it comes from dump d1 (level 0), 240 hours old; it was gone when the level 1 dump of d2 was taken; dump d2 holds no newer copy");

        // The subject itself is asked too: a backup whose listing cannot be read is no restorable version of it.
        var root = new DatingHistory([level0, level1], null);
        (await Should.ThrowAsync<CheckFailedException>(() =>
            FreshnessRules.RequirePathNoOlderThanAsync(new BackupInView(root, SnapshotChoice.Latest, "t"), "/", TimeSpan.FromHours(26), Now, CancellationToken.None)))
            .Category.ShouldBe(FailureCategory.MissingPath);
        root.Asked.ShouldBe(("d2", ""));

        var none = new DatingHistory([level0, level1], null);
        (await Should.ThrowAsync<CheckFailedException>(() =>
            FreshnessRules.RequirePathNoOlderThanAsync(new BackupInView(none, SnapshotChoice.Latest, "t"), "docs/b", TimeSpan.FromHours(26), Now, CancellationToken.None)))
            .Category.ShouldBe(FailureCategory.MissingPath);
    }

    [TestCase(new string[0], FailureCategory.NothingChecked)]
    [TestCase(new[] { "etc", "/" }, FailureCategory.SuiteDefect)]
    [TestCase(new[] { "//" }, FailureCategory.SuiteDefect)]
    [TestCase(new[] { "./" }, FailureCategory.SuiteDefect)]
    [TestCase(new[] { "" }, FailureCategory.SuiteDefect)]
    [TestCase(new[] { "etc/../../x" }, FailureCategory.InputError)]
    public async Task Paths_that_check_nothing_are_refused_before_the_system_is_asked(string[] paths, FailureCategory category)
    {
        var history = new LookupHistory(Dump("d1", Now), new() { ["etc"] = true }, null);
        var failure = await Should.ThrowAsync<CheckFailedException>(() =>
            ContentRules.RequirePathsAsync(new BackupInView(history, SnapshotChoice.Latest, "t"), paths, CancellationToken.None));
        failure.Category.ShouldBe(category, failure.Message);
        history.Asked.ShouldBeEmpty();
    }

    [Test]
    public async Task No_backup_before_the_latest_is_said_of_the_one_there_is()
    {
        var source = new MemorySource();
        var only = source.Add(Now.AddHours(-2), ("f", "x"));
        var failure = await FailsAsync(() => View(source, SnapshotChoice.BeforeLatest).SnapshotAsync(CancellationToken.None), FailureCategory.StaleBackup);
        failure.BackupId.ShouldBe(only.Id, "reports file it under the one snapshot there is");
        failure.Message.ShouldStartWith($"Stale backup: memory test:/data ({only}): expected a snapshot before the latest; found 1 snapshot(s), the newest {only}.");
        (await FailsAsync(() => View(new MemorySource(), SnapshotChoice.BeforeLatest).SnapshotAsync(CancellationToken.None), FailureCategory.StaleBackup))
            .BackupId.ShouldBeNull("none at all names none");
    }

    [Test]
    public async Task A_refusal_of_the_system_keeps_its_category()
    {
        var source = new MemorySource { Refusal = new SourceRefusedException(FailureCategory.RepositoryUnreachable, "a repository", "none there") };
        var failure = await FailsAsync(() => ContentRules.RequireFilesAsync(View(source), 1, CancellationToken.None), FailureCategory.RepositoryUnreachable);
        failure.Message.ShouldContain("(no backup selected): expected a repository; found none there.");
    }

    [Test]
    public async Task Restored_files_are_compared_with_unchanged_live_files_only()
    {
        var live = Directory.CreateTempSubdirectory("ba-live-").FullName;
        try
        {
            var source = new MemorySource();
            var taken = MemorySource.Modified;
            // Taken after the live files' inodes last changed (their ctime: now), as a snapshot of still files is.
            source.Add(DateTimeOffset.UtcNow.AddHours(1), ("same", "abc"), ("rotted", "abc"), ("grown", "abc"), ("rewritten", "abc"));
            foreach (var (name, content) in new[] { ("same", "abc"), ("rotted", "ABC"), ("grown", "abcd"), ("rewritten", "xyz") })
            {
                await File.WriteAllTextAsync(Path.Combine(live, name), content);
                File.SetLastWriteTimeUtc(Path.Combine(live, name), taken.UtcDateTime);
            }
            // Rewritten since the backup with the same size: a newer mtime says so, and it is not compared.
            File.SetLastWriteTimeUtc(Path.Combine(live, "rewritten"), taken.UtcDateTime.AddHours(1));
            var view = View(source);
            await using var restored = await RestoreRules.RestoreRandomAsync(view, 4, 42, () => new TemporaryArea(), CancellationToken.None);
            restored.Files.Count.ShouldBe(4);
            var failure = await FailsAsync(() => RestoreRules.RequireMatchesLiveAsync(view, restored, live, CancellationToken.None), FailureCategory.RestoreMismatch);
            failure.Found.ShouldStartWith("1 mismatch: /rotted: live sha256 ");
            failure.Found.ShouldNotContain("abc", Case.Insensitive); // never a restored byte
            failure.Found.ShouldEndWith("(seed 42)");
        }
        finally
        {
            Directory.Delete(live, recursive: true);
        }
    }

    [Test]
    public async Task Nothing_compared_is_nothing_checked()
    {
        var source = new MemorySource();
        source.Add(Now, ("f", "abc"));
        var view = View(source);
        await using var restored = await RestoreRules.RestoreFileAsync(view, "f", () => new TemporaryArea(), CancellationToken.None);
        var empty = Directory.CreateTempSubdirectory("ba-live-").FullName;
        try
        {
            await FailsAsync(() => RestoreRules.RequireMatchesLiveAsync(view, restored, empty, CancellationToken.None), FailureCategory.NothingChecked);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Test]
    public async Task Content_and_age_of_one_restored_file_are_described_never_shown()
    {
        var source = new MemorySource();
        source.Add(Now.AddHours(-30), ("canary", "canary secret-token\n")); // its mtime: MemorySource.Modified, months ago
        var view = View(source);
        await using var restored = await RestoreRules.RestoreFileAsync(view, "canary", () => new TemporaryArea(), CancellationToken.None);
        await RestoreRules.RequireContentMatchesAsync(view, restored, "^canary ", CancellationToken.None);
        var failure = await FailsAsync(() => RestoreRules.RequireContentMatchesAsync(view, restored, "^nope", CancellationToken.None), FailureCategory.RestoreMismatch);
        failure.Found.ShouldNotContain("secret-token");
        await FailsAsync(() => Task.Run(() => RestoreRules.RequireNoOlderThan(view, restored, TimeSpan.FromHours(26), Now)), FailureCategory.StaleBackup);
        await FailsAsync(() => RestoreRules.RestoreFileAsync(view, "nope", () => new TemporaryArea(), CancellationToken.None), FailureCategory.MissingPath);
    }

    [Test]
    public async Task A_live_file_changed_after_the_snapshot_or_reached_through_a_link_is_not_compared()
    {
        var live = Directory.CreateTempSubdirectory("ba-live-").FullName;
        var elsewhere = Directory.CreateTempSubdirectory("ba-elsewhere-").FullName;
        try
        {
            var source = new MemorySource();
            // Taken before the live files' inodes changed: their ctime is after it, so nothing may be compared.
            source.Add(DateTimeOffset.UtcNow.AddHours(-1), ("late", "abc"), ("d", null), ("d/f", "abc"));
            await File.WriteAllTextAsync(Path.Combine(live, "late"), "ABC");
            File.SetLastWriteTimeUtc(Path.Combine(live, "late"), MemorySource.Modified.UtcDateTime);
            // "d" was a directory in the backup and is now a link elsewhere: never followed.
            await File.WriteAllTextAsync(Path.Combine(elsewhere, "f"), "abc");
            File.SetLastWriteTimeUtc(Path.Combine(elsewhere, "f"), MemorySource.Modified.UtcDateTime);
            Directory.CreateSymbolicLink(Path.Combine(live, "d"), elsewhere);
            var view = View(source);
            await using var restored = await RestoreRules.RestoreRandomAsync(view, 2, 1, () => new TemporaryArea(), CancellationToken.None);
            var failure = await FailsAsync(() => RestoreRules.RequireMatchesLiveAsync(view, restored, live, CancellationToken.None), FailureCategory.NothingChecked);
            failure.Found.ShouldContain("/late: changed since the backup");
            failure.Found.ShouldContain("is gone or is now a link, not compared");
        }
        finally
        {
            Directory.Delete(live, recursive: true);
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(1001)]
    public async Task A_number_that_cannot_mean_what_the_step_says_is_an_input_error(int count)
    {
        var source = new MemorySource();
        source.Add(Now, ("f", "x"));
        var made = 0;
        await FailsAsync(() => RestoreRules.RestoreRandomAsync(View(source), count, 1, () => { made++; return new TemporaryArea(); }, CancellationToken.None),
            FailureCategory.InputError);
        made.ShouldBe(0, "an input error is refused before an area is made");
        if (count > 0) return;
        await FailsAsync(() => ContentRules.RequireFilesAsync(View(source), count, CancellationToken.None), FailureCategory.InputError);
        await FailsAsync(() => CountRules.RequireWithinPreviousAsync(View(source), count - 1, CancellationToken.None), FailureCategory.InputError);
        await FailsAsync(() => Task.Run(() => FreshnessRules.Limit(View(source), count - 1)), FailureCategory.InputError);
    }

    [Test]
    public async Task A_whole_restore_holds_every_listed_entry_and_nothing_else()
    {
        var source = new MemorySource();
        source.Add(Now, ("a", null), ("a/x", "1"), ("y", "22"));
        await using (var whole = await WholeRestoreRules.RestoreWholeAsync(View(source), () => new TemporaryArea(), Limit, CancellationToken.None))
            (await WholeRestoreRules.RequireEveryEntryRestoredAsync(View(source), whole, CancellationToken.None)).Restored.ShouldBe(2);

        source.Forget = "a/x";
        source.Extra = "z";
        await using var lossy = await WholeRestoreRules.RestoreWholeAsync(View(source), () => new TemporaryArea(), Limit, CancellationToken.None);
        var failure = await FailsAsync(() => WholeRestoreRules.RequireEveryEntryRestoredAsync(View(source), lossy, CancellationToken.None),
            FailureCategory.RestoreMismatch);
        failure.Found.ShouldBe("2 differences: /a/x: not restored; /z: restored, not in the listing");

        var grown = new MemorySource { Grow = "y" };
        grown.Add(Now, ("a", null), ("a/x", "1"), ("y", "22"));
        await using var longer = await WholeRestoreRules.RestoreWholeAsync(View(grown), () => new TemporaryArea(), Limit, CancellationToken.None);
        (await FailsAsync(() => WholeRestoreRules.RequireEveryEntryRestoredAsync(View(grown), longer, CancellationToken.None),
            FailureCategory.RestoreMismatch)).Found.ShouldBe("1 difference: /y: 3 bytes restored, 2 backed up");

        var refusing = new MemorySource { RestoreRefusal = new SourceRefusedException(FailureCategory.RestoreFailed, "room", "no space left on device") };
        refusing.Add(Now, ("f", "1"));
        var refusedArea = new TemporaryArea();
        await FailsAsync(() => WholeRestoreRules.RestoreWholeAsync(View(refusing), () => refusedArea, Limit, CancellationToken.None), FailureCategory.RestoreFailed);
        Directory.Exists(refusedArea.Path).ShouldBeFalse("the area is removed when the system refuses the restore");

        var hollow = new MemorySource();
        hollow.Add(Now, ("a", null));
        var area = new TemporaryArea();
        await FailsAsync(() => WholeRestoreRules.RestoreWholeAsync(View(hollow), () => area, Limit, CancellationToken.None), FailureCategory.HollowBackup);
        Directory.Exists(area.Path).ShouldBeFalse("the area is removed when the restore fails");

        var big = new MemorySource();
        big.Add(Now, ("f", new string('x', 2048)));
        var small = new TemporaryArea();
        var refused = await FailsAsync(() => WholeRestoreRules.RestoreWholeAsync(View(big), () => small, new WholeRestoreLimit(1, "LIMIT"), CancellationToken.None), FailureCategory.RestoreFailed);
        refused.Found.ShouldBe("refused: above the limit of 1 KiB (LIMIT)");
        Directory.Exists(small.Path).ShouldBeFalse();
    }

    [Test]
    public async Task A_live_file_missing_below_a_directory_changed_since_the_snapshot_is_a_note_not_a_loss()
    {
        var live = Directory.CreateTempSubdirectory("ba-live-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(live, "old"));
            foreach (var name in new[] { "same", "old/f" })
            {
                await File.WriteAllTextAsync(Path.Combine(live, name), "abc");
                File.SetLastWriteTimeUtc(Path.Combine(live, name), MemorySource.Modified.UtcDateTime);
            }
            // The files' inodes last changed over a second before the snapshot; the directory is moved after it.
            await Task.Delay(TimeSpan.FromSeconds(1.2));
            var source = new MemorySource();
            source.Add(DateTimeOffset.UtcNow, ("same", "abc"), ("old", null), ("old/f", "abc"));
            await Task.Delay(TimeSpan.FromSeconds(1.2));
            Directory.Move(Path.Combine(live, "old"), Path.Combine(live, "moved"));
            var view = View(source);
            await using var whole = await WholeRestoreRules.RestoreWholeAsync(view, () => new TemporaryArea(), Limit, CancellationToken.None);
            var comparison = await WholeRestoreRules.RequireTreeMatchesLiveAsync(view, whole, live, CancellationToken.None);
            comparison.Compared.ShouldBe(1);
            comparison.NotCompared.ShouldContain("/moved/f: not in the snapshot, but the directory /moved changed since it (it may have been moved there), not compared");

            var excluded = new MemorySource { Excludes = ["*.tmp"] };
            excluded.Add(DateTimeOffset.UtcNow, ("same", "abc"));
            await using var withExcludes = await WholeRestoreRules.RestoreWholeAsync(View(excluded), () => new TemporaryArea(), Limit, CancellationToken.None);
            await FailsAsync(() => WholeRestoreRules.RequireTreeMatchesLiveAsync(View(excluded), withExcludes, live, CancellationToken.None), FailureCategory.InputError);
        }
        finally
        {
            Directory.Delete(live, recursive: true);
        }
    }

    /// <summary>A whole restore's limit no test tree comes near.</summary>
    private static readonly WholeRestoreLimit Limit = new(1024 * 1024, "LIMIT");

    [Test]
    public async Task A_whole_restore_matches_the_live_tree_and_misses_no_older_live_file()
    {
        var live = Directory.CreateTempSubdirectory("ba-live-").FullName;
        try
        {
            var source = new MemorySource();
            // Taken after the live files' inodes last changed (their ctime: now), as a snapshot of still files is.
            source.Add(DateTimeOffset.UtcNow.AddHours(1), ("same", "abc"), ("rotted", "abc"));
            foreach (var (name, content) in new[] { ("same", "abc"), ("rotted", "abc") })
            {
                await File.WriteAllTextAsync(Path.Combine(live, name), content);
                File.SetLastWriteTimeUtc(Path.Combine(live, name), MemorySource.Modified.UtcDateTime);
            }
            var view = View(source);
            await using var whole = await WholeRestoreRules.RestoreWholeAsync(view, () => new TemporaryArea(), Limit, CancellationToken.None);
            (await WholeRestoreRules.RequireTreeMatchesLiveAsync(view, whole, live, CancellationToken.None)).Compared.ShouldBe(2);

            // A live file older than the snapshot that it lacks, and bytes that differ with size and mtime kept.
            await File.WriteAllTextAsync(Path.Combine(live, "lost"), "x");
            await File.WriteAllTextAsync(Path.Combine(live, "rotted"), "ABC");
            File.SetLastWriteTimeUtc(Path.Combine(live, "rotted"), MemorySource.Modified.UtcDateTime);
            var failure = await FailsAsync(() => WholeRestoreRules.RequireTreeMatchesLiveAsync(view, whole, live, CancellationToken.None),
                FailureCategory.RestoreMismatch);
            failure.Found.ShouldStartWith("2 mismatches: /rotted: live sha256 ");
            failure.Found.ShouldContain("; /lost: a live file older than the snapshot (ctime ");
            failure.Found.ShouldNotContain("abc", Case.Insensitive); // never a restored byte

            // A snapshot older than every live file's last change: nothing could be compared.
            var early = new MemorySource();
            early.Add(DateTimeOffset.UtcNow.AddHours(-1), ("same", "abc"));
            await using var stale = await WholeRestoreRules.RestoreWholeAsync(View(early), () => new TemporaryArea(), Limit, CancellationToken.None);
            await FailsAsync(() => WholeRestoreRules.RequireTreeMatchesLiveAsync(View(early), stale, live, CancellationToken.None), FailureCategory.NothingChecked);
        }
        finally
        {
            Directory.Delete(live, recursive: true);
        }
    }

    [Test]
    public async Task A_system_that_restores_its_own_way_is_asked_and_its_files_are_judged_by_the_one_rule()
    {
        var dump = new Snapshot("d1", Now.AddHours(-2)) { Name = "dump d1" };
        var system = new RestoringHistory(dump, "canary secret-token\n");
        var view = new BackupInView(system, SnapshotChoice.Latest, "restoring transcript");

        await using (var named = await RestoreRules.RestoreFileAsync(view, "./sub/canary", () => new TemporaryArea(), CancellationToken.None))
        {
            system.Asked[^1].ShouldBe(new FileChoice.Named("sub/canary"));
            await RestoreRules.RequireContentMatchesAsync(view, named, "^canary ", CancellationToken.None);
            RestoreRules.RequireNoOlderThan(view, named, TimeSpan.FromHours(26), Now);
            var stale = Should.Throw<CheckFailedException>(() => RestoreRules.RequireNoOlderThan(view, named, TimeSpan.FromHours(2), Now));
            stale.Category.ShouldBe(FailureCategory.StaleBackup);
            stale.Message.ShouldStartWith("Stale backup: restoring test:/data (dump d1): expected the restored /sub/canary to be no older than 2 hours");
            stale.Message.ShouldEndWith("restoring: the last words");
            var unlike = await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RequireContentMatchesAsync(view, named, "^nope", CancellationToken.None));
            unlike.Message.ShouldNotContain("secret-token");
        }
        await using (var drawn = await RestoreRules.RestoreRandomAsync(view, 3, 42, () => new TemporaryArea(), CancellationToken.None))
        {
            system.Asked[^1].ShouldBe(new FileChoice.Random(3, 42));
            (drawn.Seed, drawn.ChosenHow).ShouldBe((42, "its own way"));
        }
        // Bounds and a path outside the subject are the core's, refused before an area is made or the system asked.
        var made = 0;
        (await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RestoreRandomAsync(view, 0, 1, () => { made++; return new TemporaryArea(); }, CancellationToken.None)))
            .Category.ShouldBe(FailureCategory.InputError);
        (await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RestoreFileAsync(view, "../etc/shadow", () => { made++; return new TemporaryArea(); }, CancellationToken.None)))
            .Category.ShouldBe(FailureCategory.InputError);
        (system.Asked.Count, made).ShouldBe((2, 0));
    }

    [Test]
    public async Task A_file_the_system_says_it_restored_outside_the_area_is_never_judged()
    {
        var dump = new Snapshot("d1", Now) { Name = "dump d1" };
        var view = new BackupInView(new RestoringHistory(dump, "x") { PointsAt = "/etc/hostname" }, SnapshotChoice.Latest, "restoring transcript");
        var area = new TemporaryArea();
        var failure = await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RestoreFileAsync(view, "f", () => area, CancellationToken.None));
        failure.Category.ShouldBe(FailureCategory.SuiteDefect);
        failure.Found.ShouldBe("/f outside the restore area");
        Directory.Exists(area.Path).ShouldBeFalse();
    }

    [Test]
    public async Task A_path_that_climbs_out_of_the_area_or_another_area_is_a_suite_defect()
    {
        var dump = new Snapshot("d1", Now) { Name = "dump d1" };
        var area = new TemporaryArea();
        var climbing = new BackupInView(new RestoringHistory(dump, "x") { PointsAt = area.Path + "/../etc-hostname" }, SnapshotChoice.Latest, "t");
        (await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RestoreFileAsync(climbing, "f", () => area, CancellationToken.None)))
            .Found.ShouldBe("/f outside the restore area");

        var other = new TemporaryArea();
        var elsewhere = new BackupInView(new RestoringHistory(dump, "x") { OwnArea = other }, SnapshotChoice.Latest, "t");
        (await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RestoreFileAsync(elsewhere, "f", () => new TemporaryArea(), CancellationToken.None)))
            .Found.ShouldBe("files in another area than the one made for them");
        Directory.Exists(other.Path).ShouldBeFalse("the system's own area is removed too");
    }

    [Test]
    public async Task A_whole_restore_makes_its_area_once_a_backup_is_chosen_and_reads_it_only_while_it_is_the_one_made()
    {
        var made = 0;
        (await Should.ThrowAsync<CheckFailedException>(() => WholeRestoreRules.RestoreWholeAsync(View(new MemorySource()),
            () => { made++; return new TemporaryArea(); }, Limit, CancellationToken.None))).Category.ShouldBe(FailureCategory.StaleBackup);
        made.ShouldBe(0);

        var source = new MemorySource();
        source.Add(Now, ("f", "abc"));
        var area = new TemporaryArea();
        await using var whole = await WholeRestoreRules.RestoreWholeAsync(View(source), () => area, Limit, CancellationToken.None);
        Directory.Delete(area.Path, recursive: true);
        (await Should.ThrowAsync<CheckFailedException>(() => WholeRestoreRules.RequireEveryEntryRestoredAsync(View(source), whole, CancellationToken.None)))
            .Category.ShouldBe(FailureCategory.RestoreFailed);
    }

    [Test]
    public async Task A_whole_restore_the_system_makes_its_own_way_is_judged_by_the_core()
    {
        var dump = new Snapshot("d1", Now) { Name = "dump d1" };
        var system = new RestoringHistory(dump, "x");
        var view = new BackupInView(system, SnapshotChoice.Latest, "restoring transcript");
        var area = new TemporaryArea();
        await using var whole = await WholeRestoreRules.RestoreWholeAsync(view, () => area, Limit, CancellationToken.None);
        whole.Area.ShouldBeSameAs(area);
        (await WholeRestoreRules.RequireEveryEntryRestoredAsync(view, whole, CancellationToken.None)).Restored.ShouldBe(1);
        RestoreComparison? reported = null;
        (await WholeRestoreRules.RequireTreeMatchesLiveAsync(view, whole, null, CancellationToken.None, c => reported = c)).Compared.ShouldBe(1);
        system.ComparedWhole.ShouldBeSameAs(whole, "the system compares with its live side itself");
        reported.ShouldNotBeNull();

        system.State = new WholeRestoreComparison("the 2 files of the state", 1, ["/x: not restored"]);
        var lost = await RestoringFailsAsync(() => WholeRestoreRules.RequireEveryEntryRestoredAsync(view, whole, CancellationToken.None), FailureCategory.RestoreMismatch);
        (lost.Expected, lost.Found).ShouldBe(("the restore to hold the 2 files of the state and nothing else", "1 difference: /x: not restored"));

        system.Comparison = new RestoreComparison(["own"], [], ["/y: live sha256 1, restored sha256 2"], [], 1);
        reported = null;
        (await RestoringFailsAsync(() => WholeRestoreRules.RequireTreeMatchesLiveAsync(view, whole, null, CancellationToken.None, c => reported = c),
            FailureCategory.RestoreMismatch)).Found.ShouldBe("1 mismatch: /y: live sha256 1, restored sha256 2");
        reported.ShouldNotBeNull("the report is attached before the verdict");
        system.Comparison = new RestoreComparison(["own"], [], [], ["/y: changed since the dump"], 0);
        (await RestoringFailsAsync(() => WholeRestoreRules.RequireTreeMatchesLiveAsync(view, whole, null, CancellationToken.None), FailureCategory.NothingChecked))
            .Found.ShouldBe("none could be compared: /y: changed since the dump");

        Directory.Delete(area.Path, recursive: true);
        await RestoringFailsAsync(() => WholeRestoreRules.RequireTreeMatchesLiveAsync(view, whole, null, CancellationToken.None), FailureCategory.RestoreFailed);
        await RestoringFailsAsync(() => WholeRestoreRules.RequireEveryEntryRestoredAsync(view, whole, CancellationToken.None), FailureCategory.RestoreFailed);
    }

    [Test]
    public async Task A_whole_restore_the_system_makes_elsewhere_than_asked_is_a_suite_defect()
    {
        var dump = new Snapshot("d1", Now) { Name = "dump d1" };
        async Task<CheckFailedException> Refused(RestoringHistory system, TemporaryArea area)
        {
            var failure = await RestoringFailsAsync(() => WholeRestoreRules.RestoreWholeAsync(new BackupInView(system, SnapshotChoice.Latest, "t"), () => area,
                Limit, CancellationToken.None), FailureCategory.SuiteDefect);
            Directory.Exists(area.Path).ShouldBeFalse("the area made is removed");
            return failure;
        }

        var other = new TemporaryArea();
        (await Refused(new RestoringHistory(dump, "x") { OwnArea = other }, new TemporaryArea())).Found.ShouldBe("a restore into another area than the one made for it");
        Directory.Exists(other.Path).ShouldBeFalse("the system's own area is removed too");
        (await Refused(new RestoringHistory(dump, "x") { RootAt = "/etc" }, new TemporaryArea())).Found.ShouldBe("its root /etc outside the restore area");
        var area = new TemporaryArea();
        (await Refused(new RestoringHistory(dump, "x") { RootAt = area.Path + "/../../etc" }, area)).Found.ShouldStartWith("its root ");
        var above = new TemporaryArea();
        (await Refused(new RestoringHistory(dump, "x") { RootAt = above.Path + "/.." }, above)).Found.ShouldBe($"its root {above.Path}/.. outside the restore area");
        var dotted = new TemporaryArea();
        (await Refused(new RestoringHistory(dump, "x") { RootAt = dotted.Path + "/sub/.." }, dotted)).Found.ShouldStartWith("its root ");
        var beside = new TemporaryArea();
        (await Refused(new RestoringHistory(dump, "x") { RootAt = beside.Path + "x" }, beside)).Found.ShouldStartWith("its root ");
        (await Refused(new RestoringHistory(dump, "x") { WholeFiles = 0 }, new TemporaryArea())).Found.ShouldStartWith("a restore said to give 0 files");
        (await Refused(new RestoringHistory(dump, "x") { Restores = new Snapshot("d0", Now.AddDays(-1)) { Name = "dump d0" } }, new TemporaryArea()))
            .Found.ShouldBe("a restore of dump d0, not of dump d1");
    }

    [Test]
    public async Task A_full_restore_is_timed_whole_and_held_to_the_recovery_time()
    {
        var source = new MemorySource();
        source.Add(Now, ("a", null), ("a/x", "1"), ("y", "22"));
        var areas = new List<TemporaryArea>();
        IPrivateArea Made() { var area = new TemporaryArea(); areas.Add(area); return area; }

        var within = await RecoveryTimeRules.RequireWithinAsync(View(source), 1, Made, Limit, CancellationToken.None);
        within.Slowest.ShouldBe(within.Fastest);
        within.How.ShouldStartWith("measured full restore: ");
        within.How.ShouldContain("2 files in 1 directory");
        var slow = await FailsAsync(() => RecoveryTimeRules.RequireWithinAsync(View(source), 0, Made, Limit, CancellationToken.None), FailureCategory.RecoveryTooSlow);
        slow.Expected.ShouldBe("a full restore within 0 hours");
        slow.Found.ShouldStartWith("measured full restore: ");
        areas.Count.ShouldBe(2, "each timed restore had an area of its own");
        areas.ShouldAllBe(a => !Directory.Exists(a.Path), "and it is removed after");
        await FailsAsync(() => RecoveryTimeRules.RequireWithinAsync(View(source), -1, Made, Limit, CancellationToken.None), FailureCategory.InputError);
        areas.Count.ShouldBe(2, "a bad bound is refused before anything is restored");
    }

    [Test]
    public async Task A_system_that_estimates_its_own_way_is_not_restored_whole_and_is_judged_by_the_core()
    {
        var dump = new Snapshot("d1", Now) { Name = "dump d1" };
        var system = new RestoringHistory(dump, "x");
        var view = new BackupInView(system, SnapshotChoice.Latest, "restoring transcript");
        IPrivateArea NoArea() => throw new InvalidOperationException("an own estimate restores nothing whole");

        (await RecoveryTimeRules.RequireWithinAsync(view, 1, NoArea, Limit, CancellationToken.None)).ShouldBeSameAs(system.Estimate);
        system.Estimate = new RecoveryEstimate(TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(70), "estimated its own way: 50 to 70 min");
        (await RestoringFailsAsync(() => RecoveryTimeRules.RequireWithinAsync(view, 1, NoArea, Limit, CancellationToken.None), FailureCategory.RecoveryTooSlow))
            .Found.ShouldBe("estimated its own way: 50 to 70 min", "the slower end decides");
    }

    [Test]
    public async Task More_files_than_the_choice_allows_are_a_suite_defect()
    {
        var dump = new Snapshot("d1", Now) { Name = "dump d1" };
        var view = new BackupInView(new RestoringHistory(dump, "x") { Twice = true }, SnapshotChoice.Latest, "restoring transcript");
        var failure = await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RestoreFileAsync(view, "f", () => new TemporaryArea(), CancellationToken.None));
        (failure.Category, failure.Found).ShouldBe((FailureCategory.SuiteDefect, "2 files for a choice of at most 1"));
    }

    [Test]
    public async Task No_backup_is_a_stale_backup_before_any_area_is_made()
    {
        var view = new BackupInView(new MemorySource(), SnapshotChoice.Latest, "memory transcript");
        var made = 0;
        (await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RestoreFileAsync(view, "f", () => { made++; return new TemporaryArea(); }, CancellationToken.None)))
            .Category.ShouldBe(FailureCategory.StaleBackup);
        made.ShouldBe(0);
    }

    [Test]
    public async Task An_area_that_is_gone_after_the_restore_is_never_read()
    {
        var dump = new Snapshot("d1", Now) { Name = "dump d1" };
        var view = new BackupInView(new RestoringHistory(dump, "canary\n"), SnapshotChoice.Latest, "restoring transcript");
        var area = new TemporaryArea();
        await using var restored = await RestoreRules.RestoreFileAsync(view, "f", () => area, CancellationToken.None);
        Directory.Delete(area.Path, recursive: true);
        var failure = await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RequireContentMatchesAsync(view, restored, "^canary", CancellationToken.None));
        failure.Category.ShouldBe(FailureCategory.RestoreFailed);
        failure.Message.ShouldStartWith("Restore failed: restoring test:/data (dump d1): expected the restore area ");
    }

    [Test]
    public async Task A_removal_that_fails_too_does_not_hide_the_restore_failure()
    {
        var dump = new Snapshot("d1", Now) { Name = "dump d1" };
        var view = new BackupInView(new RestoringHistory(dump, "", new SourceRefusedException(FailureCategory.RestoreFailed, "the tape server to answer", "it did not")),
            SnapshotChoice.Latest, "restoring transcript");
        var failure = await Should.ThrowAsync<CheckFailedException>(() =>
            RestoreRules.RestoreFileAsync(view, "f", () => new TemporaryArea { FailsRemoval = true }, CancellationToken.None));
        (failure.Category, failure.Found).ShouldBe((FailureCategory.RestoreFailed, "it did not"));
    }

    [Test]
    public async Task A_refused_restore_of_the_system_keeps_its_category_and_removes_the_area()
    {
        var dump = new Snapshot("d1", Now) { Name = "dump d1" };
        var view = new BackupInView(new RestoringHistory(dump, "", new SourceRefusedException(FailureCategory.RestoreFailed, "the tape server to answer", "it did not")),
            SnapshotChoice.Latest, "restoring transcript");
        var area = new TemporaryArea();
        (await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RestoreFileAsync(view, "f", () => area, CancellationToken.None)))
            .Category.ShouldBe(FailureCategory.RestoreFailed);
        Directory.Exists(area.Path).ShouldBeFalse();
    }

    [Test]
    public async Task A_system_that_compares_with_its_live_side_its_own_way_is_judged_by_the_one_rule()
    {
        var dump = new Snapshot("d1", Now) { Name = "dump d1" };
        var system = new RestoringHistory(dump, "abc");
        var view = new BackupInView(system, SnapshotChoice.Latest, "restoring transcript");
        await using var restored = await RestoreRules.RestoreRandomAsync(view, 2, 7, () => new TemporaryArea(), CancellationToken.None);
        var reported = new List<RestoreComparison>();

        // No live directory is given: the system reads its own live side, and its answer is what the rule judges.
        (await RestoreRules.RequireMatchesLiveAsync(view, restored, null, CancellationToken.None, reported.Add)).Compared.ShouldBe(1);
        system.ComparedSet.ShouldBeSameAs(restored);

        system.Comparison = new RestoreComparison(["live side: its own"], [], ["/f: live sha256 1, restored sha256 2"], [], 1);
        var mismatch = await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RequireMatchesLiveAsync(view, restored, null, CancellationToken.None, reported.Add));
        mismatch.Category.ShouldBe(FailureCategory.RestoreMismatch);
        mismatch.Message.ShouldStartWith("Restore mismatch: restoring test:/data (dump d1): expected every file unchanged since the dump to have the live file's SHA-256; found 1 mismatch: /f: live sha256 1");
        mismatch.Found.ShouldEndWith("(seed 7)");

        system.Comparison = new RestoreComparison(["live side: its own"], [], [], ["/f: excluded by the DLE, not compared"], 0);
        (await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RequireMatchesLiveAsync(view, restored, null, CancellationToken.None, reported.Add)))
            .Category.ShouldBe(FailureCategory.NothingChecked);
        // Every comparison reaches the report before its verdict, the failing ones too.
        reported.Count.ShouldBe(3);
    }
}
