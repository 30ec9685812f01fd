namespace BackupAcceptance.ReqnrollNUnit.Tests.Support;

/// <summary>Small feature files for the in-process tests.</summary>
internal static class FeatureText
{
    /// <summary>A one-scenario feature titled <paramref name="title"/>; its scenario is on line 3.</summary>
    public static string Minimal(string title) =>
        $"""
        Feature: {title}

          Scenario: {title} works
            Given something
        """;
}
