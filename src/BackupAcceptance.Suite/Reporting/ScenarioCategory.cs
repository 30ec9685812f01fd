using BackupAcceptance.Core.Failures;
using BackupAcceptance.Expectations.Failures;
using NUnit.Framework;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>The failure category's title of a scenario that did not pass ("Hollow backup", "Amanda unreachable or
/// misconfigured"), the way reports file it: the recorded failure's category, else the title its message starts with
/// (a failure of the scenario itself: "Nothing checked: ..."), else a suite defect, as <see cref="ScenarioFacts"/> says.</summary>
public static class ScenarioCategory
{
    private static readonly string[] Titles = [.. Enum.GetValues<FailureCategory>().Select(c => c.Title())];

    /// <returns>Null for a scenario that passed.</returns>
    public static string? Of(ScenarioVerdict verdict, CheckFailedException? failure, Exception? error)
    {
        if (verdict == ScenarioVerdict.Passed) return null;
        if (failure is not null) return failure.Category.Title();
        if (error is AssertionException && Titles.FirstOrDefault(t => error.Message.StartsWith(t + ":", StringComparison.Ordinal)) is { } title)
            return title;
        return FailureCategory.SuiteDefect.Title();
    }
}
