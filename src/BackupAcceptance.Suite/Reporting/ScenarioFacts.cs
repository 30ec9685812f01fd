using BackupAcceptance.Core.Failures;
using System.Globalization;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Failures;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// What a scenario's Allure result says about it besides its steps and verdict (<see cref="ScenarioJudgement"/>): parameters (config, host,
/// disk, dump date, seed), labels (feature, story, suites from the target, tags, severity) and links from tags.
/// </summary>
public sealed record ScenarioFacts(
    string Feature,
    string Scenario,
    BackupTarget? Target,
    IReadOnlyList<BackupTarget>? Estate,
    CheckFailedException? Failure,
    DumpDate? DumpDate,
    int? Seed,
    IReadOnlyDictionary<string, string> Facts,
    System.Collections.IDictionary Arguments,
    string[] Tags)
{
    public List<AllureParameter> Parameters()
    {
        var parameters = new List<AllureParameter>();
        if (Target is { } target)
            parameters.AddRange([new("config", target.Config), new("host", target.Host), new("disk", target.Disk)]);
        foreach (System.Collections.DictionaryEntry argument in Arguments)
            parameters.Add(new(argument.Key.ToString() ?? "", argument.Value?.ToString() ?? ""));
        // Values that differ from run to run are shown but kept out of the history id.
        if (DumpDate is { } date) parameters.Add(new("dump date", date.ToString(), Excluded: true));
        if (Seed is { } seed) parameters.Add(new("seed", seed.ToString(CultureInfo.InvariantCulture), Excluded: true));
        foreach (var (name, value) in Facts) parameters.Add(new(name, value, Excluded: true));
        return parameters;
    }

    public List<AllureLabel> Labels()
    {
        var labels = new List<AllureLabel>
        {
            new("feature", Feature),
            new("story", Scenario),
            new("host", Environment.MachineName),
            new("thread", Environment.CurrentManagedThreadId.ToString(CultureInfo.InvariantCulture)),
            new("framework", "reqnroll"),
            new("language", "csharp"),
        };
        if (Target is { } target)
            labels.AddRange([new("epic", target.Config), new("parentSuite", target.Config), new("suite", target.Host), new("subSuite", target.Disk)]);
        else if (Estate is { Count: > 0 } estate)
            labels.AddRange([new("epic", estate[0].Config), new("parentSuite", estate[0].Config), new("suite", "every disk")]);
        foreach (var tag in Tags)
        {
            if (tag.StartsWith("severity:", StringComparison.OrdinalIgnoreCase)) labels.Add(new("severity", tag["severity:".Length..]));
            else labels.Add(new("tag", tag));
        }
        return labels;
    }

    public List<AllureLink> Links(AllureConfig config) =>
        [.. from tag in Tags
            from pattern in config.Links
            where tag.StartsWith(pattern.TagPrefix, StringComparison.OrdinalIgnoreCase)
            let id = tag[pattern.TagPrefix.Length..]
            select new AllureLink(id, pattern.UrlTemplate.Replace("{}", Uri.EscapeDataString(id), StringComparison.Ordinal), pattern.Type)];
}
