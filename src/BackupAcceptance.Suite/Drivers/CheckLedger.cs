namespace BackupAcceptance.Suite.Drivers;

/// <summary>
/// What one scenario's Then steps checked: each records how many things (files, paths, dumps, restored files) it
/// looked at and found as expected. A scenario passes only if something was checked (<see cref="NothingCheckedRule"/>).
/// </summary>
public sealed class CheckLedger(Reqnroll.ScenarioContext scenario)
{
    private readonly List<(string Step, int Count, string What)> _entries = [];

    public IReadOnlyList<(string Step, int Count, string What)> Entries => _entries;

    /// <summary>Steps run so far, so the rule knows when the scenario's last block ends.</summary>
    public int StepsRun { get; set; }

    public bool CheckedSomething => _entries.Count > 0;

    /// <summary>Records what the running Then step checked.</summary>
    /// <param name="count">Things checked (a check that looked at nothing fails before it records).</param>
    public void Record(int count, string what)
    {
        var step = scenario.StepContext.StepInfo;
        _entries.Add(($"{step.StepDefinitionType} {step.Text}", count, what));
    }

    public string Describe() => _entries.Count == 0
        ? "no Then step checked anything"
        : string.Join("; ", _entries.Select(e => $"'{e.Step}' checked {e.Count} {e.What}"));
}
