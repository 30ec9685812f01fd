namespace BackupAcceptance.Suite.Steps;

/// <summary>How a step reads in a feature file: the steps catalogue (docs/steps.md) is generated from these.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepExampleAttribute(string example, string meaning) : Attribute
{
    public string Example { get; } = example;

    public string Meaning { get; } = meaning;
}
