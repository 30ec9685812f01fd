using BackupAcceptance.Core.Failures;
using BackupAcceptance.Expectations.Failures;
using NUnit.Framework;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// The verdict of one scenario (or of one step that failed), worked out in one place: when the scenario ends
/// (Hooks/VerdictHooks, before any output) and kept on its <see cref="ScenarioReport"/>, where every output reads it:
/// the Allure result, the summary line and summary.json, the estate page. A new output reads this rather than work the
/// verdict out again from the error.
/// </summary>
/// <param name="Category">The failure category's title (<see cref="ScenarioCategory"/>); null when it passed.</param>
/// <param name="Reason">The first line of what went wrong, for the summary line; "" when it passed.</param>
/// <param name="Message">The whole reader's sentence, for the report; null when it passed.</param>
/// <param name="Trace">The error as the runner saw it, for the report; null when there was none.</param>
/// <param name="Failure">The failure the checks recorded or raised, when there is one (dump date, facts).</param>
public sealed record ScenarioJudgement(ScenarioVerdict Verdict, string? Category, string Reason, string? Message, string? Trace,
    CheckFailedException? Failure)
{
    public static ScenarioJudgement Passed { get; } = new(ScenarioVerdict.Passed, null, "", null, null, null);

    /// <param name="recorded">The failure the driver recorded, if any (it decides over the error that carried it).</param>
    /// <param name="error">What the scenario or step raised, if anything.</param>
    /// <param name="endedAs">How the runner says it ended when it raised nothing and did not pass (an undefined or
    /// pending step); null when it passed.</param>
    public static ScenarioJudgement Of(CheckFailedException? recorded, Exception? error, string? endedAs)
    {
        if (error is not null)
        {
            var failure = ScenarioVerdicts.Failure(recorded, error);
            var verdict = ScenarioVerdicts.Of(failure);
            var message = failure?.Message ?? (error is AssertionException ? error.Message : $"Suite defect: {error.GetType().Name}: {error.Message}");
            return new(verdict, ScenarioCategory.Of(verdict, failure, error), error.Message.Split('\n')[0], message, error.ToString(), failure);
        }
        if (endedAs is null) return Passed;
        return new(ScenarioVerdict.Broken, recorded?.Category.Title() ?? FailureCategory.SuiteDefect.Title(), endedAs,
            $"Suite defect: the scenario ended as {endedAs}.", null, recorded);
    }

    public AllureStatus AllureStatus => Verdict switch
    {
        ScenarioVerdict.Passed => AllureStatus.Passed,
        ScenarioVerdict.Failed => AllureStatus.Failed,
        _ => AllureStatus.Broken,
    };

    public AllureStatusDetails AllureDetails => Message is null ? new AllureStatusDetails() : new AllureStatusDetails(Message, Trace);

    /// <summary>The word the estate page and the history keep: passed, failed, broken.</summary>
    public string StatusWord => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(AllureStatus.ToString());
}
