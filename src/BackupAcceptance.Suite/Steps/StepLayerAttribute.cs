namespace BackupAcceptance.Suite.Steps;

/// <summary>The layer of checks a step class belongs to, in the order the steps catalogue lists them.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StepLayerAttribute(int order, string title) : Attribute
{
    public int Order { get; } = order;

    public string Title { get; } = title;
}
