using BackupAcceptance.ReqnrollNUnit.Tests.Support;
using NUnit.Framework;
using NUnit.Framework.Internal;
using Shouldly;

namespace BackupAcceptance.ReqnrollNUnit.Tests.Catalog;

/// <summary>What <see cref="FeatureCatalog.Fixtures"/> hands to NUnit's [TestFixtureSource].</summary>
public sealed class FixtureDataTests
{
    [Test]
    public void Each_feature_is_one_fixture_named_after_it_with_its_tags_as_categories()
    {
        using var scratch = new ScratchDirectory();
        scratch.Write("restore.feature",
            """
            @restore @slow
            Feature: Restore a host
              Scenario: Restore everything
                Given a backup
            """);

        var features = FeatureCatalog.Load(scratch.Path);
        var fixture = FeatureCatalog.Fixtures(features).ShouldHaveSingleItem();

        fixture.TestName.ShouldBe("RestoreAHostFeature");
        fixture.Arguments.ShouldBe([features[0]]);
        fixture.Properties[PropertyNames.Category].Cast<string>().ShouldBe(["restore", "slow"]);
        fixture.Properties.Get(PropertyNames.Description).ShouldBe("Restore a host");
    }

    [Test]
    public void Features_with_the_same_title_get_distinct_fixture_names()
    {
        using var scratch = new ScratchDirectory();
        scratch.Write("a/backup.feature", FeatureText.Minimal("Backup"));
        scratch.Write("b/backup.feature", FeatureText.Minimal("Backup"));

        FeatureCatalog.Fixtures(FeatureCatalog.Load(scratch.Path)).Select(fixture => fixture.TestName)
            .ShouldBe(["BackupFeature", "BackupFeature_2"]);
    }
}
