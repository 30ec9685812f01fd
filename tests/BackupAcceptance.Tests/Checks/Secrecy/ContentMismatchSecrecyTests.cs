using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Files;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Tests.Checks;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks.Secrecy;

/// <summary>Issue 24, S1: a content mismatch says the pattern, the size, the SHA-256 and the text's shape, never a
/// restored byte (it used to quote the first ~100 bytes of the restored /etc/shadow). The rule is the core's, on files
/// as Amanda restored them (<see cref="AmandaRestoredSet"/>).</summary>
public sealed class ContentMismatchSecrecyTests
{


    [Test]
    public async Task A_mismatch_describes_the_file_without_quoting_it()
    {
        await using var restored = AmandaRestoredSet.Of(OneDump.Dump, await RestoredFixture.CreateAsync(), "");

        var failure = await Should.ThrowAsync<CheckFailedException>(() =>
            RestoreRules.RequireContentMatchesAsync(OneDump.View(), restored, "^NO-MATCH$", CancellationToken.None));

        failure.Category.ShouldBe(FailureCategory.RestoreMismatch);
        failure.Message.ShouldStartWith("Restore mismatch: ba-daily localhost:/etc (dump 2026-12-06-12-00-00): expected the restored /shadow to match /^NO-MATCH$/");
        var size = System.Text.Encoding.UTF8.GetByteCount(RestoredFixture.Content);
        failure.Found.ShouldContain($"{size} bytes of UTF-8 text in 2 lines");
        failure.Found.ShouldContain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(RestoredFixture.Content))));
        failure.Message.ShouldNotContain(RestoredFixture.Marker);
        failure.Message.ShouldNotContain("root:");
        failure.Message.ShouldNotContain("daemon");
    }

    [Test]
    public async Task A_match_still_passes_and_binary_content_is_described_as_such()
    {
        await using (var restored = AmandaRestoredSet.Of(OneDump.Dump, await RestoredFixture.CreateAsync(), ""))
            await RestoreRules.RequireContentMatchesAsync(OneDump.View(), restored, "^daemon:", CancellationToken.None);

        var files = await RestoredFixture.CreateAsync("blob", "\u00ff");
        await File.WriteAllBytesAsync(Path.Combine(files.Area.Path, "blob"), [0xff, 0xfe, (byte)'S', (byte)'E', (byte)'C']);
        await using var binary = AmandaRestoredSet.Of(OneDump.Dump, files, "");
        var failure = await Should.ThrowAsync<CheckFailedException>(() =>
            RestoreRules.RequireContentMatchesAsync(OneDump.View(), binary, "^NO-MATCH$", CancellationToken.None));
        failure.Found.ShouldContain("5 bytes that are not UTF-8 text, SHA-256 ");
        failure.Message.ShouldNotContain("SEC");
    }

    [Test]
    public async Task A_pattern_an_empty_file_matches_checks_nothing_and_is_refused()
    {
        await using var restored = AmandaRestoredSet.Of(OneDump.Dump, await RestoredFixture.CreateAsync(), "");
        foreach (var pattern in new[] { "", "x*", "^" })
            (await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RequireContentMatchesAsync(OneDump.View(), restored, pattern, CancellationToken.None)))
                .Category.ShouldBe(FailureCategory.SuiteDefect);
        (await Should.ThrowAsync<CheckFailedException>(() => RestoreRules.RequireContentMatchesAsync(OneDump.View(), restored, "(", CancellationToken.None)))
            .Category.ShouldBe(FailureCategory.InputError);
    }

    [Test]
    public async Task A_pattern_that_runs_past_its_time_is_an_input_error_that_carries_no_restored_text()
    {
        var files = await RestoredFixture.CreateAsync("slow", new string('a', 60) + "b" + RestoredFixture.Marker);
        await using var restored = AmandaRestoredSet.Of(OneDump.Dump, files, "");
        var failure = await Should.ThrowAsync<CheckFailedException>(() =>
            RestoreRules.RequireContentMatchesAsync(OneDump.View(), restored, "^(a|aa)+$", CancellationToken.None));
        failure.Category.ShouldBe(FailureCategory.InputError);
        failure.Found.ShouldContain("timed out");
        // A timeout's Input is the text it read: never kept on the failure.
        failure.InnerException.ShouldBeNull();
        failure.ToString().ShouldNotContain(RestoredFixture.Marker);
    }

    [Test]
    public void The_description_gives_shape_never_content()
    {
        ContentDescription.Of([]).ToString().ShouldStartWith("an empty file (SHA-256 e3b0c442");
        var text = ContentDescription.Of("one\r\nthe longest line\nx"u8);
        (text.Lines, text.LongestLine, text.IsText).ShouldBe((3, 16, true));
        text.ToString().ShouldNotContain("longest line");
    }
}
