using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>A full restore holds the listing's files and nothing else: an extra file means another tree came back.</summary>
public sealed class FullRestoreRuleTests
{
    private static readonly BackupTarget Target = new("ba-daily", "localhost", "/srv/x");

    private static async Task<RestoredFiles> AreaWithAsync(string[] listed, string[] onDisk)
    {
        var area = RestoreArea.Create();
        foreach (var file in onDisk)
        {
            var path = Path.Combine(area.Path, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, file);
        }
        return new RestoredFiles(Target, null, null, [.. listed.Select(RawPath.Parse)], area, "test");
    }

    [Test]
    public async Task Exactly_the_listed_files_pass()
    {
        await using var restored = await AreaWithAsync(["a.txt", "d/b.txt"], ["a.txt", "d/b.txt"]);
        (await FullRestoreCheck.RequireOnlyListedAsync(restored, "", default)).ShouldBe(2);
    }

    [Test]
    public async Task An_extra_file_fails_as_a_restore_mismatch()
    {
        await using var restored = await AreaWithAsync(["a.txt"], ["a.txt", "d/extra.txt"]);
        var error = await Should.ThrowAsync<ExpectationFailedException>(() => FullRestoreCheck.RequireOnlyListedAsync(restored, "", default));
        error.Category.ShouldBe(FailureCategory.RestoreMismatch);
        error.Message.ShouldContain("found 2 files there; 0 missing; 1 not in that state (d/extra.txt)");
    }
}
