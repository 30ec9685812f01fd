using Io.Cucumber.Messages.Types;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// Finds AST nodes by id. A pickle only carries the ids of the scenario, example row and steps it was
/// compiled from; the rule, the keywords and the tags of each level are in the AST.
/// </summary>
internal sealed class GherkinAstIndex
{
    private readonly Dictionary<string, (Scenario Scenario, Rule? Rule)> _scenarios = [];
    private readonly Dictionary<string, Step> _steps = [];
    private readonly Dictionary<string, ExampleRow> _exampleRows = [];

    public GherkinAstIndex(GherkinDocument document)
    {
        foreach (var child in document.Feature?.Children ?? [])
        {
            AddSteps(child.Background?.Steps);
            AddScenario(child.Scenario, rule: null);

            foreach (var ruleChild in child.Rule?.Children ?? [])
            {
                AddSteps(ruleChild.Background?.Steps);
                AddScenario(ruleChild.Scenario, child.Rule);
            }
        }
    }

    public (Scenario Scenario, Rule? Rule) ScenarioOf(Pickle pickle) => _scenarios[pickle.AstNodeIds[0]];

    /// <summary>The example row an outline pickle was made from; null for a plain scenario.</summary>
    public ExampleRow? ExampleRowOf(Pickle pickle) =>
        pickle.AstNodeIds is [_, var rowId, ..] && _exampleRows.TryGetValue(rowId, out var row) ? row : null;

    public Step StepOf(PickleStep step) => _steps[step.AstNodeIds[0]];

    private void AddScenario(Scenario? scenario, Rule? rule)
    {
        if (scenario is null)
            return;

        _scenarios[scenario.Id] = (scenario, rule);
        AddSteps(scenario.Steps);

        for (var block = 0; block < scenario.Examples.Count; block++)
        {
            var examples = scenario.Examples[block];
            for (var row = 0; row < examples.TableBody.Count; row++)
                _exampleRows[examples.TableBody[row].Id] = new ExampleRow(examples, block, row);
        }
    }

    private void AddSteps(IEnumerable<Step>? steps)
    {
        foreach (var step in steps ?? [])
            _steps[step.Id] = step;
    }
}
