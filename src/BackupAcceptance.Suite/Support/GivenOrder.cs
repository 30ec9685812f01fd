using BackupAcceptance.Expectations.Failures;
using NUnit.Framework;

namespace BackupAcceptance.Suite.Support;

/// <summary>
/// Given steps choose what the scenario looks at; once a check or a restore has run, a Given that changes the target
/// or the dump would leave the reader unsure which dump the earlier steps saw. It fails as a suite defect instead.
/// </summary>
public static class GivenOrder
{
    public static void RequireBeforeChecks(BackupContext backup, CheckLedger checks, string step)
    {
        if (!backup.Started && checks.Entries.Count == 0) return;
        var expected = $"'{step}' before the first When or Then step";
        var found = "it comes after a step that already looked at the backup; put every Given first";
        if (backup.Target is not { } target)
            throw new AssertionException($"{FailureCategory.SuiteDefect.Title()}: expected {expected}; found {found}.");
        var failure = new ExpectationFailedException(FailureCategory.SuiteDefect, target, null, expected, found, "");
        backup.Failure = failure;
        throw new AssertionException(failure.Message, failure);
    }
}
