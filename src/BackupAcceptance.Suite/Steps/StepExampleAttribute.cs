namespace BackupAcceptance.Suite.Steps;

/// <summary>How a step reads in a feature file, what it checks and what it does not: the steps catalogue
/// (docs/steps.md) is generated from these.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepExampleAttribute(string example, string meaning, string doesNotCheck = "") : Attribute
{
    public string Example { get; } = example;

    public string Meaning { get; } = meaning;

    /// <summary>What a reader might assume the step checks but it does not; empty for Given and When steps.</summary>
    public string DoesNotCheck { get; } = doesNotCheck;
}
