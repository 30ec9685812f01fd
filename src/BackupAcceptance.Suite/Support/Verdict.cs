using BackupAcceptance.Expectations.Failures;
using NUnit.Framework;

namespace BackupAcceptance.Suite.Support;

/// <summary>
/// Turns a failed backup expectation into an NUnit assertion failure whose message is exactly the reader's
/// sentence ("Hollow backup: daily localhost:/srv/x ..."): NUnit reports any other exception as an error, prefixed
/// with its type name and followed by a dump of its properties. The failure itself stays on the scenario's
/// <see cref="BackupContext"/> (category, target, dump date) for reports.
/// </summary>
public static class Verdict
{
    public static Task CheckAsync(BackupContext backup, Func<Task> check) =>
        CheckAsync(backup, async () =>
        {
            await check();
            return true;
        });

    public static async Task<T> CheckAsync<T>(BackupContext backup, Func<Task<T>> check)
    {
        try
        {
            return await check();
        }
        catch (ExpectationFailedException failure)
        {
            backup.Failure = failure;
            throw new AssertionException(failure.Message, failure);
        }
    }
}
