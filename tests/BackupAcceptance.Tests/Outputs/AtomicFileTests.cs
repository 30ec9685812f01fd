using BackupAcceptance.Outputs.Files;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Outputs;

public sealed class AtomicFileTests
{
    private string _folder = "";

    [SetUp]
    public void Create() => _folder = Directory.CreateTempSubdirectory("ba-atomic-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task The_file_is_replaced_whole_with_its_mode_and_no_temporary_file_is_left()
    {
        var path = Path.Combine(_folder, "backup_acceptance.prom");
        await File.WriteAllTextAsync(path, "old");
        var inode = new FileInfo(path);
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        await AtomicFile.WriteAsync(path, "new\n", readable, CancellationToken.None);
        (await File.ReadAllTextAsync(path)).ShouldBe("new\n");
        File.GetUnixFileMode(path).ShouldBe(readable);
        Directory.GetFiles(_folder).ShouldBe([path], "the temporary file was renamed, not left");
        inode.Exists.ShouldBeTrue();
    }

    [Test]
    public async Task A_missing_folder_is_said_and_nothing_is_written()
    {
        var error = await Should.ThrowAsync<DirectoryNotFoundException>(() =>
            AtomicFile.WriteAsync(Path.Combine(_folder, "no", "x.prom"), "x", null, CancellationToken.None));
        error.Message.ShouldContain(Path.Combine(_folder, "no"));
    }
}
