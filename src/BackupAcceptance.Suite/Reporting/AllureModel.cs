using System.Text.Json.Serialization;

namespace BackupAcceptance.Suite.Reporting;

// The Allure results format (docs/report.md, "The results format"): one JSON file per scenario. NuGet here serves no Allure package,
// so these few records are the whole model; names map to Allure's keys through camelCase serialisation.

[JsonConverter(typeof(JsonStringEnumConverter<AllureStatus>))]
public enum AllureStatus
{
    [JsonStringEnumMemberName("passed")] Passed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("broken")] Broken,
    [JsonStringEnumMemberName("skipped")] Skipped,
}

public sealed record AllureStatusDetails(string? Message = null, string? Trace = null);

public sealed record AllureAttachment(string Name, string Source, string Type);

public sealed record AllureLabel(string Name, string Value);

public sealed record AllureLink(string Name, string Url, string Type);

/// <param name="Excluded">Left out of the history id: values that change every run (dump date, seed).</param>
public sealed record AllureParameter(string Name, string Value, bool? Excluded = null);

public sealed record AllureStep(
    string Name,
    AllureStatus Status,
    AllureStatusDetails StatusDetails,
    long Start,
    long Stop,
    IReadOnlyList<AllureAttachment> Attachments,
    string Stage = "finished");

public sealed record AllureResult(
    string Uuid,
    string HistoryId,
    string TestCaseId,
    string FullName,
    IReadOnlyList<string> TitlePath,
    string Name,
    string? Description,
    AllureStatus Status,
    AllureStatusDetails StatusDetails,
    long Start,
    long Stop,
    IReadOnlyList<AllureStep> Steps,
    IReadOnlyList<AllureAttachment> Attachments,
    IReadOnlyList<AllureParameter> Parameters,
    IReadOnlyList<AllureLabel> Labels,
    IReadOnlyList<AllureLink> Links,
    string Stage = "finished");
