using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>Real restores: every file of the odd-names tree comes back identical; a restore never lands elsewhere.</summary>
[Category("Integration")]
public sealed class RestoreIntegrationTests
{
    [OneTimeSetUp]
    public void RequireAmanda() => RealAmanda.Require();

    [Test]
    public async Task Every_file_of_the_odd_names_tree_is_restored_with_identical_sha256()
    {
        var disk = RealAmanda.Disk("oddnames");
        var live = await LiveManifest.ReadAsync(disk, CancellationToken.None);
        await using var session = await AmrecoverSession.StartAsync(new AmrecoverOptions(), RealAmanda.Config, RealAmanda.Host, CancellationToken.None);
        await session.SetDiskAsync(disk, CancellationToken.None);
        var files = new List<RawPath>();
        await foreach (var entry in new DiskWalker(session, disk).WalkAsync(CancellationToken.None))
            if (!entry.IsDirectory) files.Add(entry.Path);

        string areaPath;
        await using (var area = RestoreArea.Create())
        {
            areaPath = area.Path;
            File.GetUnixFileMode(area.Path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var report = await new Restorer(session, disk).RestoreAsync(files, area, CancellationToken.None);

            report.Extract.TarLines.Count.ShouldBeGreaterThanOrEqualTo(files.Count);
            var mismatches = new List<string>();
            foreach (var file in files)
            {
                var comparison = await FileComparison.CompareAsync(
                    [.. System.Text.Encoding.UTF8.GetBytes(disk), .. file.ToBytes()], area.PathOf(file), CancellationToken.None);
                if (!comparison.Matches) mismatches.Add($"{file}: {comparison}");
            }
            mismatches.ShouldBeEmpty();
            files.Count.ShouldBe(live.Values.Count(e => e.Type == 'f'));
        }
        Directory.Exists(areaPath).ShouldBeFalse("the restore area is removed afterwards");
    }

    [Test]
    public async Task Extract_into_any_other_directory_is_refused_by_killing_the_session()
    {
        var disk = RealAmanda.Disk("oddnames");
        var session = await AmrecoverSession.StartAsync(new AmrecoverOptions(), RealAmanda.Config, RealAmanda.Host, CancellationToken.None);
        var pid = session.ProcessId!.Value;
        await using var area = RestoreArea.Create();
        await session.SetDiskAsync(disk, CancellationToken.None);
        var readme = (await session.ListAsync(CancellationToken.None)).Files.Single(f => f.Name.Display == "README.txt");
        await session.AddAsync(readme, CancellationToken.None);
        await session.LocalChangeDirectoryAsync(area.Path, CancellationToken.None);

        // The caller expects another directory than the one amrecover is in: amrecover's question names area.Path.
        var error = await Should.ThrowAsync<AmrecoverException>(() =>
            session.ExtractAsync("/tmp/somewhere-else", CancellationToken.None));

        error.Message.ShouldContain($"would restore into '{area.Path}', not the private directory '/tmp/somewhere-else'");
        session.IsUsable.ShouldBeFalse();
        ProcessTable.IsAlive(pid).ShouldBeFalse();
        Directory.EnumerateFileSystemEntries(area.Path).ShouldBeEmpty("nothing was restored");
        await session.DisposeAsync();
    }

    [Test]
    public async Task An_empty_extraction_list_is_a_typed_refusal()
    {
        await using var session = await AmrecoverSession.StartAsync(new AmrecoverOptions(), RealAmanda.Config, RealAmanda.Host, CancellationToken.None);
        await using var area = RestoreArea.Create();
        await session.SetDiskAsync(RealAmanda.Disk("oddnames"), CancellationToken.None);
        await session.LocalChangeDirectoryAsync(area.Path, CancellationToken.None);
        var error = await Should.ThrowAsync<AmandaReplyException>(() => session.ExtractAsync(area.Path, CancellationToken.None));
        error.Reply.ShouldContain("Extract list empty");
        session.IsUsable.ShouldBeTrue();
    }

    [Test]
    public async Task A_failed_lcd_is_noticed()
    {
        await using var session = await AmrecoverSession.StartAsync(new AmrecoverOptions(), RealAmanda.Config, RealAmanda.Host, CancellationToken.None);
        var error = await Should.ThrowAsync<AmandaReplyException>(() =>
            session.LocalChangeDirectoryAsync("/nonexistent-restore-dir", CancellationToken.None));
        error.Reply.ShouldContain("lcd left amrecover in"); // perror's text may come later than lpwd: not asserted
    }
}
