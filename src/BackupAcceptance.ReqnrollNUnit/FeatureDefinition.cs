using System.Globalization;
using Reqnroll;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// One .feature file, which is one NUnit fixture: its scenarios, or why it could not be loaded.
/// </summary>
public sealed class FeatureDefinition
{
    /// <summary>Path relative to the directory given to <see cref="FeatureCatalog.Load(string)"/>, '/'-separated.</summary>
    public required string RelativePath { get; init; }

    /// <summary>Absolute path of the file (of the searched path when no file was found).</summary>
    public required string FullPath { get; init; }

    /// <summary>The title after <c>Feature:</c> (the file name when there is none).</summary>
    public required string Title { get; init; }

    /// <summary>The feature's tags, without '@'.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>The NUnit fixture name: an identifier unique within the catalog.</summary>
    public required string FixtureName { get; init; }

    /// <summary>
    /// Reqnroll's view of the feature. One instance is shared by all its scenarios: Reqnroll compares it by
    /// reference to decide when Before/AfterFeature hooks fire.
    /// </summary>
    public required FeatureInfo FeatureInfo { get; init; }

    /// <summary>The settings the file was parsed with; they also decide which scenarios run serially.</summary>
    public required GlueSettings Settings { get; init; }

    /// <summary>Why the feature could not be loaded (it then has no scenarios), or null.</summary>
    public string? LoadError { get; init; }

    /// <summary>The scenarios, in file order; outline rows each count as one.</summary>
    // Set once, right after construction: scenarios point back at their feature.
    public IReadOnlyList<ScenarioDefinition> Scenarios { get; internal set; } = [];

    /// <inheritdoc />
    public override string ToString() => RelativePath;

    /// <summary>A feature that becomes a single failing test carrying <paramref name="error"/>.</summary>
    internal static FeatureDefinition Unloadable(
        string relativePath, string fullPath, string fixtureName, GlueSettings settings, string error) => new()
    {
        RelativePath = relativePath,
        FullPath = fullPath,
        Title = relativePath,
        Tags = [],
        FixtureName = fixtureName,
        FeatureInfo = new FeatureInfo(CultureInfo.InvariantCulture, "", relativePath, "", ProgrammingLanguage.CSharp, []),
        Settings = settings,
        LoadError = error,
    };
}
