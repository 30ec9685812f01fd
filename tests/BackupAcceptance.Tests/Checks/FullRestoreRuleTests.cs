using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>A full restore is held against the state it must give and nothing else (the core judges it): a missing file
/// and an extra one (another tree came back) are both differences.</summary>
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
        var comparison = await FullRestoreCheck.CompareWithStateAsync(restored, default);
        (comparison.Restored, comparison.Differences.Count).ShouldBe((2, 0));
    }

    [Test]
    public async Task An_extra_file_and_a_missing_one_are_differences()
    {
        await using var restored = await AreaWithAsync(["a.txt", "gone.txt"], ["a.txt", "d/extra.txt"]);
        var comparison = await FullRestoreCheck.CompareWithStateAsync(restored, default);
        comparison.Restored.ShouldBe(1);
        comparison.Differences.ShouldBe(["/gone.txt: not restored", "/d/extra.txt: restored, not in that state"]);
        comparison.Expected.ShouldBe("the 2 files of the state a restore of the dump's chain gives");
    }

    [Test]
    public async Task Many_missing_files_do_not_hide_an_extra_one_from_the_first_twenty()
    {
        await using var restored = await AreaWithAsync([.. Enumerable.Range(0, 30).Select(n => $"m{n:D2}.txt")], ["zz-extra.txt"]);
        var comparison = await FullRestoreCheck.CompareWithStateAsync(restored, default);
        comparison.Differences.Count.ShouldBe(31);
        comparison.Differences.Take(20).ShouldContain("/zz-extra.txt: restored, not in that state");
    }
}
