using BackupAcceptance.Expectations.Sources;
using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// The estate read from the server's catalogue and index files (<see cref="EstateScreen"/>) says of every disk of the
/// demo's configurations what amrecover says: the same newest dump, files or none. ba-nightly holds what a real
/// schedule makes (incremental chains, a split dump, one still on the holding disk, compressed and encrypted dumps);
/// ba-daily the hollow, empty, never-dumped and damaged disks. And a screen that says otherwise is not trusted.
/// </summary>
[Category("Integration")]
public sealed class EstateScreenIntegrationTests
{
    [OneTimeSetUp]
    public void RequireAmanda() => RealAmanda.RequireNightly();

    private static SessionPool Pool(bool indexFiles) => new(new AmrecoverOptions())
    {
        Walking = indexFiles ? WalkSettings.Default : WalkSettings.Default with { IndexFiles = IndexFilesMode.Off },
    };

    [TestCase(RealAmanda.Config)]
    [TestCase(RealAmanda.NightlyConfig)]
    public async Task The_screen_says_of_every_disk_what_amrecover_says(string config)
    {
        await using var pool = Pool(indexFiles: true);
        var disks = await EstateCheck.DisksAsync(pool, config, CancellationToken.None, startHostSessions: true);
        pool.AuditAhead(disks);
        var (screened, why) = await EstateScreen.ReadAsync(pool, disks, CancellationToken.None);
        screened.ShouldNotBeNull(why);
        screened.Count.ShouldBeGreaterThan(disks.Count / 2, "most disks of the demo are screened");
        var differences = new List<string>();
        foreach (var disk in disks)
        {
            string amrecover;
            try
            {
                await using var lease = await pool.RentAsync(disk, CancellationToken.None);
                var latest = await AmandaView.RunAsync(lease, SnapshotChoice.Latest, FreshnessRules.RequireBackupAsync, CancellationToken.None);
                string files;
                try
                {
                    await FileCountCheck.RequireFilesAsync(lease, 1, CancellationToken.None);
                    files = "files";
                }
                catch (ExpectationFailedException none) when (none.Category == FailureCategory.HollowBackup)
                {
                    files = "none";
                }
                amrecover = $"{AmandaDiskHistory.DateOf(latest)} {files}";
            }
            catch (ExpectationFailedException refused)
            {
                // A disk amrecover will not open must not be one the screen answered.
                if (screened.ContainsKey(disk)) differences.Add($"{disk.Disk}: screened, but amrecover: {refused.Category}: {refused.Found}");
                continue;
            }
            if (!screened.TryGetValue(disk, out var read)) continue; // left to amrecover: nothing to compare
            var screen = $"{read.Latest.Date} {(read.Files > 0 ? "files" : "none")}";
            if (screen != amrecover) differences.Add($"{disk.Disk}: screen {screen}, amrecover {amrecover}");
        }
        differences.ShouldBeEmpty();
    }

    [Test]
    public async Task The_screened_estate_finds_the_bad_disks_amrecover_alone_finds()
    {
        async Task<(string How, string[] Bad)> EstateAsync(bool indexFiles, EstateScreen.Reader? screen = null)
        {
            await using var pool = Pool(indexFiles);
            var disks = await EstateCheck.DisksAsync(pool, RealAmanda.Config, CancellationToken.None, startHostSessions: true);
            var failure = await Should.ThrowAsync<ExpectationFailedException>(() =>
                EstateCheck.RequireEveryDiskAsync(pool, disks, TimeSpan.FromDays(3650), 1, DateTime.Now, CancellationToken.None, screen));
            var lines = failure.TranscriptTail.Split('\n');
            return (lines[0], [.. lines.Where(l => l.StartsWith("BAD ", StringComparison.Ordinal)).Select(l => l.Split(" (")[0]).Order()]);
        }

        var alone = await EstateAsync(indexFiles: false);
        alone.How.ShouldStartWith("amrecover checked every disk (the server's files not read: index files off");
        alone.Bad.ShouldContain($"BAD  localhost:{RealAmanda.Disk("hollow")}");
        alone.Bad.ShouldContain($"BAD  localhost:{RealAmanda.Disk("empty")}");
        alone.Bad.ShouldContain($"BAD  localhost:{RealAmanda.Disk("notdumped")}");

        var screened = await EstateAsync(indexFiles: true);
        screened.How.ShouldStartWith("read from the server's catalogue (amadmin find) and index files");
        screened.Bad.ShouldBe(alone.Bad);

        // The negative control: a screen that dates every dump a second later is caught by the sample, and amrecover
        // then checks every disk.
        var lying = await EstateAsync(indexFiles: true, async (pool, disks, token) =>
        {
            var (real, why) = await EstateScreen.ReadAsync(pool, disks, token);
            return (real?.ToDictionary(d => d.Key, d => d.Value with
            {
                Latest = d.Value.Latest with { Date = d.Value.Latest.Date with { Value = d.Value.Latest.Date.Value.AddSeconds(1) } },
            }), why);
        });
        lying.How.ShouldStartWith("amrecover checked every disk: it disagreed with the server's catalogue and index files on ");
        lying.Bad.ShouldBe(alone.Bad);
    }

    [Test]
    public async Task The_dump_user_s_read_test_names_the_files_it_cannot_open()
    {
        // Files of the test's own, not Amanda's: one the dump user may read, one only root may. In /tmp, which the dump
        // user can pass through whatever TMPDIR says.
        var folder = Directory.CreateDirectory(Path.Combine("/tmp", "ba-reads-" + Guid.NewGuid().ToString("N")[..12]));
        try
        {
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            var open = Path.Combine(folder.FullName, "open.gz");
            var closed = Path.Combine(folder.FullName, "closed.gz");
            await File.WriteAllTextAsync(open, "x");
            await File.WriteAllTextAsync(closed, "x");
            File.SetUnixFileMode(open, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var unreadable = await DumpUserReads.UnreadableAsync(RealAmanda.Config, [open, closed], CancellationToken.None);
            unreadable.ShouldNotBeNull();
            unreadable.ShouldBe([closed]);
            (await DumpUserReads.UnreadableAsync(RealAmanda.Config, [open, Path.Combine(folder.FullName, "gone.gz")], CancellationToken.None))
                .ShouldBeNull("a path it cannot find says nothing of the others");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
