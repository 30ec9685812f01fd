using BackupAcceptance.ReqnrollNUnit;
using NUnit.Framework;

namespace BackupAcceptance.ReqnrollNUnit.Samples.Features;

/// <summary>One fixture per feature below Features/.</summary>
[TestFixtureSource(typeof(SampleFeatures), nameof(SampleFeatures.Directory))]
public class Feature(FeatureDefinition feature) : ReqnrollFeatureFixture(feature);

/// <summary>A broken feature file: one failing test with the parser's message. Failing on purpose.</summary>
[Category("deliberately-failing")]
[TestFixtureSource(typeof(SampleFeatures), nameof(SampleFeatures.BrokenFile))]
public class BrokenFeature(FeatureDefinition feature) : ReqnrollFeatureFixture(feature);

/// <summary>A missing feature path: one failing test saying where it looked. Failing on purpose.</summary>
[Category("deliberately-failing")]
[TestFixtureSource(typeof(SampleFeatures), nameof(SampleFeatures.MissingPath))]
public class MissingFeature(FeatureDefinition feature) : ReqnrollFeatureFixture(feature);
