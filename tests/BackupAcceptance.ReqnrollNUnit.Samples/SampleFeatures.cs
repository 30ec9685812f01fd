using System.Reflection;
using NUnit.Framework;

namespace BackupAcceptance.ReqnrollNUnit.Samples;

/// <summary>The feature sources of the sample fixtures: a directory, a single file and a missing path.</summary>
public static class SampleFeatures
{
    // Where the csproj is: the build writes it into the assembly, so the features need no copying.
    private static readonly string ProjectDirectory = typeof(SampleFeatures).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "SampleProjectDirectory")
        .Value ?? throw new InvalidOperationException("The build did not record SampleProjectDirectory.");

    /// <summary>Every feature below Features/, nested folders included.</summary>
    public static IEnumerable<TestFixtureData> Directory() =>
        FeatureCatalog.Fixtures(FeatureCatalog.Load(Path.Combine(ProjectDirectory, "Features")));

    /// <summary>One feature file with a syntax error.</summary>
    public static IEnumerable<TestFixtureData> BrokenFile() =>
        FeatureCatalog.Fixtures(FeatureCatalog.Load(Path.Combine(ProjectDirectory, "BrokenFeatures", "Broken.feature")));

    /// <summary>A path that does not exist.</summary>
    public static IEnumerable<TestFixtureData> MissingPath() =>
        FeatureCatalog.Fixtures(FeatureCatalog.Load(Path.Combine(ProjectDirectory, "NoSuchFeatures")));
}
