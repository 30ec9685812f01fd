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
        /// <summary>Every feature, or one shard's scenarios of them (BACKUP_ACCEPTANCE_SHARD=I/N).</summary>
        public static IEnumerable<TestFixtureData> Fixtures()
        {
            var features = FeatureCatalog.Load(SuiteSettings.FeaturesPath(SuiteSettings.Current));
            var shard = ScenarioShard.FromEnvironment(Environment.GetEnvironmentVariable);
            return FeatureCatalog.Fixtures(shard is null ? features : shard.Select(features));
        }
    }
}
