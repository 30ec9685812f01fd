using System.Collections.Specialized;
using System.Globalization;
using Reqnroll;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// One runnable scenario, which is one NUnit test: a plain scenario, or one row of a Scenario Outline
/// (a Cucumber "pickle"). Everything a report needs is here, too.
/// </summary>
public sealed class ScenarioDefinition
{
    /// <summary>The feature the scenario belongs to.</summary>
    public required FeatureDefinition Feature { get; init; }

    /// <summary>The NUnit display name: the title, plus the example values for an outline row.</summary>
    public required string Name { get; init; }

    /// <summary>The identifier part of the NUnit FullName (no spaces or dots, unique in the feature).</summary>
    public required string MethodName { get; init; }

    /// <summary>The title as written after <c>Scenario:</c> or <c>Scenario Outline:</c>.</summary>
    public required string Title { get; init; }

    /// <summary>The free text under the title.</summary>
    public required string Description { get; init; }

    /// <summary>The scenario's own tags plus those of its Examples block (Reqnroll's ScenarioInfo.Tags).</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>The feature's and the rule's tags (Reqnroll's "inherited" tags).</summary>
    public required IReadOnlyList<string> InheritedTags { get; init; }

    /// <summary>The rule the scenario is in, if any.</summary>
    public required RuleDefinition? Rule { get; init; }

    /// <summary>The name of the Examples block of an outline row, or null.</summary>
    public required string? ExamplesName { get; init; }

    /// <summary>Column name and value of each example cell of an outline row, in column order; empty otherwise.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> ExampleArguments { get; init; }

    /// <summary>Line of the scenario, or of the example row for an outline row.</summary>
    public required int Line { get; init; }

    /// <summary>The steps to execute, background steps first.</summary>
    public required IReadOnlyList<StepCall> Steps { get; init; }

    /// <summary>Index of the pickle in the feature: Reqnroll's formatters look the scenario up by it.</summary>
    internal int PickleIndex { get; init; }

    /// <summary>"backup/Nightly.feature:12": there are no #line pragmas, so reports and output point here.</summary>
    public string Location => $"{Feature.RelativePath}:{Line}";

    /// <summary>All tags, each once: these become NUnit categories.</summary>
    public IReadOnlyList<string> AllTags => [.. Tags.Concat(InheritedTags).Distinct(StringComparer.Ordinal)];

    /// <summary>Tagged <c>@ignore</c> (here, on the rule or on the feature): NUnit reports it as ignored.</summary>
    public bool IsIgnored => TagHelper.ContainsIgnoreTag([.. AllTags]);

    /// <inheritdoc />
    public override string ToString() => Name;

    // Fresh Reqnroll objects per run: Reqnroll keeps per-execution state in them.
    internal ScenarioInfo CreateScenarioInfo()
    {
        var arguments = new OrderedDictionary();
        foreach (var (column, value) in ExampleArguments)
            arguments[column] = value;

        return new ScenarioInfo(Title, Description, [.. Tags], arguments, [.. InheritedTags],
            PickleIndex.ToString(CultureInfo.InvariantCulture));
    }

    internal RuleInfo? CreateRuleInfo() =>
        Rule is null ? null : new RuleInfo(Rule.Title, Rule.Description, [.. Rule.Tags]);
}
