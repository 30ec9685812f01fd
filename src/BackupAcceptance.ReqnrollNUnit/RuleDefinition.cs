namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>The Gherkin <c>Rule:</c> a scenario belongs to.</summary>
public sealed record RuleDefinition(string Title, string Description, IReadOnlyList<string> Tags);
