using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Sources;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

public sealed class RestoreComparisonTests
{
    private static readonly string[] Header = ["live side: 100000 files under /srv/big", "compared 100000 files; 0 changed since the dump and 0 excluded by the DLE, not compared"];

    private static IReadOnlyList<string> Matches(int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"/d{i / 100:0000}/f{i:000000} {i:x64}")];

    [Test]
    public void A_whole_disk_of_100000_matching_files_is_a_count_and_a_digest()
    {
        var text = new RestoreComparison(Header, Matches(100_000), [], [], 100_000).Text();

        text.Length.ShouldBeLessThan(1_000, "kilobytes, not the 17 MB of one line per file");
        text.ShouldContain("compared 100000 files; 0 changed since the dump");
        text.ShouldContain("100000 matched (live SHA-256 = restored SHA-256); list digest sha256 ");
    }

    [Test]
    public void The_digest_tells_two_lists_apart_and_ignores_their_order()
    {
        string Digest(IReadOnlyList<string> matches) => new RestoreComparison(Header, matches, [], [], matches.Count).Text().Split(' ')[^1];
        var list = Matches(1000);

        Digest(list).ShouldBe(Digest([.. list.Reverse()]));
        Digest(list).ShouldNotBe(Digest([.. list.Take(999), "/d0009/f000999 changed"]));
    }

    [Test]
    public void Mismatches_are_listed_in_full_up_to_the_cap_then_counted()
    {
        var mismatches = Enumerable.Range(0, 250).Select(i => $"/f{i}: live sha256 {i:x64} (12 bytes), restored sha256 {i + 1:x64} (13 bytes)").ToList();

        var text = new RestoreComparison(Header, Matches(10), mismatches, [], 260).Text();

        text.ShouldContain("MISMATCH /f0: live sha256 " + 0.ToString("x64") + " (12 bytes), restored sha256 " + 1.ToString("x64") + " (13 bytes)");
        text.ShouldContain("MISMATCH /f199: ");
        text.ShouldNotContain("MISMATCH /f200: ");
        text.ShouldContain($"... and 50 more mismatches (250 in all, list digest sha256 ");
    }

    [Test]
    public void Files_not_compared_say_why_up_to_their_cap()
    {
        var skipped = Enumerable.Range(0, 60).Select(i => $"changed since the dump, not compared: /c{i}").ToList();

        var text = new RestoreComparison(Header, Matches(1), [], skipped, 1).Text();

        text.ShouldContain("changed since the dump, not compared: /c0");
        text.ShouldContain("... and 10 more files not compared (60 in all");
    }
}
