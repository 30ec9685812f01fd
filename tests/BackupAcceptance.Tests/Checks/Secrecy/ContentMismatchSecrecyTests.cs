using BackupAcceptance.Core.Failures;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Secrecy;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks.Secrecy;

/// <summary>Issue 24, S1: a content mismatch says the pattern, the size, the SHA-256 and the text's shape, never a
/// restored byte (it used to quote the first ~100 bytes of the restored /etc/shadow).</summary>
public sealed class ContentMismatchSecrecyTests
{
    [Test]
    public async Task A_mismatch_describes_the_file_without_quoting_it()
    {
        await using var restored = await RestoredFixture.CreateAsync();

        var failure = await Should.ThrowAsync<ExpectationFailedException>(() =>
            CanaryCheck.RequireContentMatchesAsync(restored, "^NO-MATCH$", "", CancellationToken.None));

        failure.Category.ShouldBe(FailureCategory.RestoreMismatch);
        failure.Message.ShouldStartWith("Restore mismatch: ba-daily localhost:/etc (dump 2026-12-06-12-00-00): expected /shadow to match /^NO-MATCH$/");
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
        await using (var restored = await RestoredFixture.CreateAsync())
            await CanaryCheck.RequireContentMatchesAsync(restored, "^daemon:", "", CancellationToken.None);

        await using var binary = await RestoredFixture.CreateAsync("blob", "\u00ff");
        await File.WriteAllBytesAsync(Path.Combine(binary.Area.Path, "blob"), [0xff, 0xfe, (byte)'S', (byte)'E', (byte)'C']);
        var failure = await Should.ThrowAsync<ExpectationFailedException>(() =>
            CanaryCheck.RequireContentMatchesAsync(binary, "^NO-MATCH$", "", CancellationToken.None));
        failure.Found.ShouldContain("5 bytes that are not UTF-8 text, SHA-256 ");
        failure.Message.ShouldNotContain("SEC");
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
