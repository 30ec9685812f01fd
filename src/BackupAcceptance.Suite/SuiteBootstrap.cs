// Wires the acceptance suite into NUnit: Reqnroll's NUnit plugin (our own, see BackupAcceptance.ReqnrollNUnit),
// the test-run hooks around every feature, and one NUnit fixture per feature file.
using BackupAcceptance.ReqnrollNUnit;
using BackupAcceptance.Suite.Run;
using NUnit.Framework;

[assembly: Reqnroll.Plugins.RuntimePlugin(typeof(NUnitRuntimePlugin))]
// Scenarios run in parallel (the session pool never lends one session to two scenarios at once).
[assembly: Parallelizable(ParallelScope.All)]
[assembly: LevelOfParallelism(2)]

[SetUpFixture]
public sealed class SuiteTestRun : ReqnrollTestRunHooks;

namespace BackupAcceptance.Suite.Features
{
    [TestFixtureSource(typeof(SuiteFeatures), nameof(SuiteFeatures.Fixtures))]
    public class Feature(FeatureDefinition feature) : ReqnrollFeatureFixture(feature);

    public static class SuiteFeatures
    {
        public static IEnumerable<TestFixtureData> Fixtures() => FeatureCatalog.Fixtures(FeatureCatalog.Load(SuiteSettings.FeaturesPath()));
    }
}
