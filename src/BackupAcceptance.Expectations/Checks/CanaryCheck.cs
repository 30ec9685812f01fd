using BackupAcceptance.Core.Files;
using BackupAcceptance.Core.Failures;
using System.Text;
using System.Text.RegularExpressions;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Secrecy;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>A canary restored from the dump: its content matches what was planted, and it is recent (the restore
/// keeps its modification time).</summary>
public static class CanaryCheck
{
    public static async Task RequireContentMatchesAsync(RestoredFiles restored, string pattern, string transcriptTail,
        CancellationToken cancellationToken)
    {
        // A pattern an empty file matches ("", "x*", "^") checks nothing.
        if (Regex.IsMatch("", pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(5)))
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, restored.Target, restored.DumpDate,
                "a pattern that an empty file would not match", $"/{pattern}/, which matches anything", "");
        var file = restored.Files.Single();
        byte[] bytes;
        try
        {
            await using var stream = RawFiles.OpenRead(restored.Area.PathOf(file));
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory, cancellationToken);
            bytes = memory.ToArray();
        }
        catch (IOException missing)
        {
            throw NotRestored(restored, file, missing, transcriptTail);
        }
        // Invalid UTF-8 becomes U+FFFD, as a text reader reads it: a pattern still matches the text around it.
        if (!Regex.IsMatch(Encoding.UTF8.GetString(bytes), pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(5)))
            throw new ExpectationFailedException(FailureCategory.RestoreMismatch, restored.Target, restored.DumpDate,
                $"{file} to match /{pattern}/",
                $"the pattern matches nowhere in it: {ContentDescription.Of(bytes)} (its content is not quoted: restored data stays in the restore area)",
                transcriptTail);
    }

    public static void RequireRestoredNoOlderThan(RestoredFiles restored, TimeSpan maximumAge, DateTime utcNow, string transcriptTail)
    {
        var file = restored.Files.Single();
        DateTime modified;
        try
        {
            modified = RawFiles.LastWriteTimeUtc(restored.Area.PathOf(file));
        }
        catch (IOException missing)
        {
            throw NotRestored(restored, file, missing, transcriptTail);
        }
        if (utcNow - modified > maximumAge)
            throw new ExpectationFailedException(FailureCategory.StaleBackup, restored.Target, restored.DumpDate,
                $"the restored {file} to be no older than {maximumAge.TotalHours:0.#} hours",
                $"it was last written {modified:u}, {(utcNow - modified).TotalHours:0.#} hours ago", transcriptTail);
    }

    private static ExpectationFailedException NotRestored(RestoredFiles restored, RawPath file, IOException missing, string transcriptTail) =>
        new(FailureCategory.RestoreMismatch, restored.Target, restored.DumpDate, $"{file} in the restore area",
            $"it was not restored ({missing.Message})", transcriptTail, missing);
}
