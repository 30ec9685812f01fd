using NUnit.Framework;
using NUnit.Framework.Internal;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// Loads Gherkin feature files and presents them as NUnit fixtures: one fixture per feature,
/// one test per scenario or outline row (see <see cref="ReqnrollFeatureFixture"/>).
/// </summary>
public static class FeatureCatalog
{
    /// <summary>
    /// Loads a directory (every *.feature below it, in ordinal order) or a single .feature file, anywhere on
    /// disk, with the glue settings of the reqnroll.json the Reqnroll runtime reads (next to the test assembly).
    /// </summary>
    /// <remarks>
    /// Never returns an empty list: a missing path or a directory without features gives one unloadable
    /// feature, whose test fails and says what was looked for where. A run must not turn green with zero tests.
    /// </remarks>
    public static IReadOnlyList<FeatureDefinition> Load(string path) => Load(path, GlueSettings.ForCurrentTestRun());

    /// <inheritdoc cref="Load(string)" />
    public static IReadOnlyList<FeatureDefinition> Load(string path, GlueSettings settings)
    {
        var files = FeatureFileSet.Find(path);
        var fixtureNames = new UniqueNames();

        if (files.Problem is { } problem)
        {
            return [FeatureDefinition.Unloadable(path, files.RootDirectory, fixtureNames.Claim("NoFeatureFiles"), settings, problem)];
        }

        return [.. files.Files.Select(file => FeatureParser.Parse(files, file, settings, fixtureNames))];
    }

    /// <summary>
    /// Only the scenarios <paramref name="keep"/> accepts (a shard of a run, say); a feature left without any is
    /// dropped, a feature that could not be loaded is always kept, so its failure is never selected away.
    /// </summary>
    public static IReadOnlyList<FeatureDefinition> Select(IReadOnlyList<FeatureDefinition> features, Func<ScenarioDefinition, bool> keep)
    {
        var kept = new List<FeatureDefinition>();
        foreach (var feature in features)
        {
            if (feature.LoadError is not null) { kept.Add(feature); continue; }
            var scenarios = feature.Scenarios.Where(keep).ToList();
            if (scenarios.Count == 0) continue;
            feature.Scenarios = scenarios;
            kept.Add(feature);
        }
        return kept;
    }

    /// <summary>
    /// The fixture data for <c>[TestFixtureSource]</c>: named after the feature, its tags as categories.
    /// </summary>
    public static IEnumerable<TestFixtureData> Fixtures(IReadOnlyList<FeatureDefinition> features) =>
        features.Select(FixtureData);

    private static TestFixtureData FixtureData(FeatureDefinition feature)
    {
        var data = new TestFixtureData(feature) { TestName = feature.FixtureName };
        data.Properties.Set(PropertyNames.Description, feature.Title);
        foreach (var tag in feature.Tags)
            data.Properties.Add(PropertyNames.Category, tag);

        return data;
    }
}
