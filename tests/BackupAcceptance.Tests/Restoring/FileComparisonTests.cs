using BackupAcceptance.Core.Files;
using System.Text;
using BackupAcceptance.Amanda.Restoring;
using CliWrap;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Restoring;

public sealed class FileComparisonTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("ba-compare-").FullName;

    // rm, not Directory.Delete: .NET cannot delete the file whose name is not UTF-8 (the point of one test).
    [TearDown]
    public Task RemoveDirectoryAsync() => Cli.Wrap("rm").WithArguments(["-rf", "--", _dir]).ExecuteAsync();

    private byte[] PathOf(string name) => Encoding.UTF8.GetBytes(Path.Combine(_dir, name));

    [Test]
    public async Task Identical_content_matches_and_different_content_does_not()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "live"), "same");
        await File.WriteAllTextAsync(Path.Combine(_dir, "copy"), "same");
        await File.WriteAllTextAsync(Path.Combine(_dir, "other"), "different");

        (await FileComparison.CompareAsync(PathOf("live"), PathOf("copy"), CancellationToken.None)).Matches.ShouldBeTrue();
        var mismatch = await FileComparison.CompareAsync(PathOf("live"), PathOf("other"), CancellationToken.None);
        mismatch.Matches.ShouldBeFalse();
        mismatch.LiveSha256.ShouldNotBe(mismatch.RestoredSha256);
    }

    [Test]
    public async Task A_missing_file_is_a_problem_not_a_match()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "live"), "x");
        var comparison = await FileComparison.CompareAsync(PathOf("live"), PathOf("absent"), CancellationToken.None);
        comparison.Matches.ShouldBeFalse();
        comparison.Problem.ShouldNotBeNull();
        comparison.Problem.ShouldContain("absent");
    }

    [Test]
    public async Task Names_that_are_not_utf8_are_opened_by_their_bytes()
    {
        // .NET cannot name this file; bash can create it and RawFiles can open it.
        await Cli.Wrap("bash").WithArguments(["-c", "printf data > \"$1\"/$'\\xff\\xfe'", "bash", _dir]).ExecuteAsync();
        byte[] path = [.. Encoding.UTF8.GetBytes(_dir), (byte)'/', 0xFF, 0xFE];
        (await FileComparison.CompareAsync(path, path, CancellationToken.None)).Matches.ShouldBeTrue();
        (await RawFiles.Sha256Async(path, CancellationToken.None)).ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("data"u8)));
    }
}
