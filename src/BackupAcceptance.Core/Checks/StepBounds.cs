using BackupAcceptance.Core.Failures;

namespace BackupAcceptance.Core.Checks;

/// <summary>The numbers a feature file gives a check, refused before the backup system is asked when they cannot mean
/// what the step says (a negative percentage, zero files, a share of data above 100): an input error, never a pass.
/// The same bounds as Amanda's steps.</summary>
public static class StepBounds
{
    public const int MaximumFiles = 1_000_000_000;
    public const int MaximumPercent = 99;
    public const int MaximumHours = 87_600;
    public const int MaximumRandomFiles = 1000;

    public static int Require(BackupInView view, int value, int minimum, int maximum, string what) =>
        Problem(value, minimum, maximum, what) is { } problem
            ? throw view.Failure(FailureCategory.InputError, problem.Expected, problem.Found)
            : value;

    /// <summary>What is wrong with the number, as a failure's expected and found, or null when it is in bounds.</summary>
    public static (string Expected, string Found)? Problem(int value, int minimum, int maximum, string what) =>
        value < minimum || value > maximum
            ? ($"{what} from {minimum} to {maximum} in the step", value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : null;
}
