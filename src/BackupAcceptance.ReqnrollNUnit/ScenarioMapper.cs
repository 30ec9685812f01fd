using Io.Cucumber.Messages.Types;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// Turns the pickles of a feature into scenario definitions. Tests are built from the pickles themselves,
/// so a test's pickle index is the one Reqnroll's formatters look up, by construction.
/// </summary>
internal static class ScenarioMapper
{
    public static IReadOnlyList<ScenarioDefinition> Map(
        FeatureDefinition feature, GherkinDocument document, IReadOnlyList<Pickle> pickles)
    {
        var index = new GherkinAstIndex(document);
        var methodNames = new UniqueNames();
        return [.. pickles.Select((pickle, pickleIndex) => Map(feature, index, methodNames, pickle, pickleIndex))];
    }

    private static ScenarioDefinition Map(
        FeatureDefinition feature, GherkinAstIndex index, UniqueNames methodNames, Pickle pickle, int pickleIndex)
    {
        var (scenario, rule) = index.ScenarioOf(pickle);
        var exampleRow = index.ExampleRowOf(pickle);
        var arguments = exampleRow?.Arguments ?? [];
        var ruleTags = GherkinTags.Names(rule?.Tags);

        return new ScenarioDefinition
        {
            Feature = feature,
            Name = DisplayName(pickle, exampleRow, arguments),
            MethodName = methodNames.Claim(MethodName(scenario, exampleRow)),
            Title = scenario.Name,
            Description = scenario.Description?.Trim() ?? "",
            // Examples-block tags count as the row's own tags, as in Reqnroll's generated code.
            Tags = [.. GherkinTags.Names(scenario.Tags), .. GherkinTags.Names(exampleRow?.Examples.Tags)],
            // Rule tags are inherited like feature tags, so tag-scoped hooks see them as well.
            InheritedTags = [.. feature.Tags, .. ruleTags],
            Rule = rule is null ? null : new RuleDefinition(rule.Name, rule.Description?.Trim() ?? "", ruleTags),
            ExamplesName = exampleRow?.Examples.Name.Trim(),
            ExampleArguments = arguments,
            Line = checked((int)(exampleRow?.Row.Location.Line ?? scenario.Location.Line)),
            Steps = [.. pickle.Steps.Select(step => StepCallOf(step, index.StepOf(step)))],
            PickleIndex = pickleIndex,
        };
    }

    // "Restore a file [Weekly: file=a.txt, size=3]": the example values tell outline rows apart in reports.
    private static string DisplayName(Pickle pickle, ExampleRow? exampleRow, IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        if (exampleRow is null)
            return pickle.Name;

        var block = string.IsNullOrWhiteSpace(exampleRow.Examples.Name) ? "" : exampleRow.Examples.Name.Trim() + ": ";
        var values = string.Join(", ", arguments.Select(argument => $"{argument.Key}={argument.Value}"));
        return $"{pickle.Name} [{block}{values}]";
    }

    // "RestoreAFile_Examples2_Row1" (1-based, as a reader counts): stable while titles and tables are.
    private static string MethodName(Scenario scenario, ExampleRow? exampleRow)
    {
        var identifier = TestIdentifier.From(scenario.Name);
        return exampleRow is null
            ? identifier
            : $"{identifier}_Examples{exampleRow.BlockIndex + 1}_Row{exampleRow.RowIndex + 1}";
    }

    private static StepCall StepCallOf(PickleStep pickleStep, Step astStep) => new(
        astStep.Keyword,
        astStep.KeywordType,
        pickleStep.Text,
        pickleStep.Argument?.DocString?.Content,
        pickleStep.Argument?.DataTable?.Rows
            .Select(row => (IReadOnlyList<string>)[.. row.Cells.Select(cell => cell.Value)])
            .ToList());
}
