using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Expectations.Failures;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Numbers and lists a feature file gives a check, refused before any amrecover command when they cannot mean what
/// the step says (a negative percentage, zero files to restore): an input error to fix in the feature, never a pass.
/// </summary>
public static class StepInput
{
    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, or an input error.</summary>
    public static int Require(BackupTarget target, int value, int minimum, int maximum, string what) =>
        StepBounds.Problem(value, minimum, maximum, what) is { } problem
            ? throw new ExpectationFailedException(FailureCategory.InputError, target, null, problem.Expected, problem.Found, "")
            : value;
}
