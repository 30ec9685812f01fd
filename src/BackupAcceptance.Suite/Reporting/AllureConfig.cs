using System.Text.Json;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>A link made from a tag: <c>@issue:OPS-42</c> with prefix "issue:" becomes an issue link to the template.</summary>
public sealed record LinkPattern(string TagPrefix, string Type, string UrlTemplate);

/// <summary>A failure category of the report: results whose message matches go under its name.</summary>
public sealed record ReportCategory(string Name, string MessageRegex, IReadOnlyList<string> MatchedStatuses);

/// <summary>
/// allure-config.json at the repository root: where results go, the report's title, links from tags, failure
/// categories, extra environment entries and the labels the report's tree groups by (config, host, disk). A missing file means the defaults; a malformed one is an error that
/// names the file and the problem (the run stops before any scenario).
/// </summary>
public sealed record AllureConfig(
    string ResultsDirectory,
    string ReportTitle,
    IReadOnlyList<LinkPattern> Links,
    IReadOnlyList<ReportCategory> Categories,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> GroupBy)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private sealed record FileShape(
        string? ResultsDirectory, string? ReportTitle, List<LinkPattern>? Links, List<ReportCategory>? Categories,
        Dictionary<string, string>? Environment, List<string>? GroupBy);

    /// <summary>One category per failure kind, matched on the stable prefix every failure message starts with.</summary>
    public static IReadOnlyList<ReportCategory> DefaultCategories { get; } =
    [
        new("Hollow backup", "^Hollow backup:[\\s\\S]*", ["failed"]),
        new("Too few files", "^Too few files:[\\s\\S]*", ["failed"]),
        new("Missing path", "^Missing path:[\\s\\S]*", ["failed"]),
        new("Stale backup", "^Stale backup:[\\s\\S]*", ["failed"]),
        new("Count drop", "^Count drop:[\\s\\S]*", ["failed"]),
        new("Restore mismatch", "^Restore mismatch:[\\s\\S]*", ["failed"]),
        new("Data check failed", "^Data check failed:[\\s\\S]*", ["failed"]),
        new("Recovery too slow", "^Recovery too slow:[\\s\\S]*", ["failed"]),
        new("Index damaged", "^Index damaged:[\\s\\S]*", ["failed"]),
        new("Repository damaged", "^Repository damaged:[\\s\\S]*", ["failed"]),
        new("Nothing checked", "^Nothing checked:[\\s\\S]*", ["broken"]),
        new("Restore failed", "^Restore failed:[\\s\\S]*", ["broken"]),
        new("Interrupted", "^Interrupted:[\\s\\S]*", ["broken"]),
        new("Data check broke the rules", "^Data check broke the rules:[\\s\\S]*", ["broken"]),
        new("Input error", "^Input error:[\\s\\S]*", ["broken"]),
        new("Amanda unreachable or misconfigured", "^Amanda unreachable or misconfigured:[\\s\\S]*", ["broken", "failed"]),
        new("Repository unreachable or misconfigured", "^Repository unreachable or misconfigured:[\\s\\S]*", ["broken", "failed"]),
        new("Suite defect", "[\\s\\S]*", ["broken"]),
    ];

    /// <summary>The tree a sysadmin reads in the morning: config, then host, then disk (AllureSuites sets the labels);
    /// the estate's scenarios sit under their config as "every disk of X config".</summary>
    public static IReadOnlyList<string> DefaultGroupBy { get; } = ["parentSuite", "suite", "subSuite"];

    // After DefaultCategories and DefaultGroupBy: static fields initialise in textual order.
    public static AllureConfig Defaults { get; } =
        new("results/allure-results", "BackupAcceptance", [], DefaultCategories, new Dictionary<string, string>(), DefaultGroupBy);

    public static AllureConfig Load(string path)
    {
        if (!File.Exists(path)) return Defaults;
        FileShape? shape;
        try
        {
            shape = JsonSerializer.Deserialize<FileShape>(File.ReadAllText(path), Options);
        }
        catch (JsonException malformed)
        {
            throw new InvalidDataException(
                $"{path} is not valid: {malformed.Message} Fix it, or remove it to use the defaults (see docs/report.md).", malformed);
        }
        if (shape is null) throw new InvalidDataException($"{path} is not valid: it holds null, expected an object.");
        foreach (var link in shape.Links ?? [])
            if (string.IsNullOrWhiteSpace(link.TagPrefix) || !link.UrlTemplate.Contains("{}", StringComparison.Ordinal))
                throw new InvalidDataException($"{path} is not valid: link '{link.TagPrefix}' needs a tagPrefix and a urlTemplate with {{}}.");
        return new AllureConfig(
            shape.ResultsDirectory ?? Defaults.ResultsDirectory,
            shape.ReportTitle ?? Defaults.ReportTitle,
            shape.Links ?? [],
            shape.Categories ?? DefaultCategories,
            shape.Environment ?? new Dictionary<string, string>(),
            shape.GroupBy ?? DefaultGroupBy);
    }
}
