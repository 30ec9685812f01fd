using BackupAcceptance.ReqnrollNUnit.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.ReqnrollNUnit.Tests.Catalog;

/// <summary>The reqnroll.json settings the glue applies itself, and where it reads them.</summary>
public sealed class GlueSettingsTests
{
    [Test]
    public void Reads_the_feature_language_and_the_non_parallelizable_tags()
    {
        var settings = GlueSettings.Parse(
            """
            {
              // comments and trailing commas, as Reqnroll accepts them
              "language": { "feature": "de-AT" },
              "generator": { "addNonParallelizableMarkerForTags": [ "@serial", "exclusive", ] },
              "runtime": { "missingOrPendingStepsOutcome": "Error" }
            }
            """);

        settings.FeatureCulture.ShouldBe("de-AT");
        settings.GherkinDialect.ShouldBe("de");
        settings.NonParallelizableTags.ShouldBe(["serial", "exclusive"], ignoreOrder: true);
        settings.NonParallelizableTags.ShouldContain("SERIAL");
    }

    [Test]
    public void Without_settings_features_are_english_and_nothing_is_serial()
    {
        GlueSettings.Parse("{}").ShouldBe(GlueSettings.Default);
        GlueSettings.Default.GherkinDialect.ShouldBe("en");
        GlueSettings.Default.NonParallelizableTags.ShouldBeEmpty();

        using var scratch = new ScratchDirectory();
        GlueSettings.FromDirectory(scratch.Path).ShouldBe(GlueSettings.Default);
    }

    [Test]
    public void An_unreadable_reqnroll_json_is_reported_with_its_path()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("reqnroll.json", "{ not json");

        Should.Throw<InvalidDataException>(() => GlueSettings.FromDirectory(scratch.Path)).Message.ShouldContain(path);
    }

    [Test]
    public void The_configured_language_parses_features_without_a_language_header()
    {
        using var scratch = new ScratchDirectory();
        scratch.Write("reqnroll.json", """{ "language": { "feature": "de-DE" } }""");
        scratch.Write("features/sicherung.feature",
            """
            Funktionalität: Sicherung
              Szenario: Alles sichern
                Angenommen ein Rechner
            """);

        var feature = FeatureCatalog.Load(scratch.PathOf("features"), GlueSettings.FromDirectory(scratch.Path))
            .ShouldHaveSingleItem();

        feature.LoadError.ShouldBeNull();
        feature.FeatureInfo.Language.Name.ShouldBe("de-DE");
        feature.Scenarios.ShouldHaveSingleItem().Steps.ShouldHaveSingleItem().Keyword.ShouldBe("Angenommen ");
    }

    [Test]
    public void A_language_header_wins_over_the_configured_language()
    {
        using var scratch = new ScratchDirectory();
        scratch.Write("sauvegarde.feature",
            """
            # language: fr
            Fonctionnalité: Sauvegarde
              Scénario: Tout sauvegarder
                Soit un serveur
            """);

        var feature = FeatureCatalog.Load(scratch.Path, GlueSettings.Default).ShouldHaveSingleItem();

        feature.LoadError.ShouldBeNull();
        feature.FeatureInfo.Language.Name.ShouldBe("fr");
    }

    [Test]
    public void A_reqnroll_json_next_to_the_features_is_not_read()
    {
        // Reqnroll reads reqnroll.json next to the test assembly only; the glue must agree with it.
        using var scratch = new ScratchDirectory();
        scratch.Write("reqnroll.json", """{ "language": { "feature": "de-DE" } }""");
        scratch.Write("english.feature", FeatureText.Minimal("English"));

        var feature = FeatureCatalog.Load(scratch.Path).ShouldHaveSingleItem();

        feature.LoadError.ShouldBeNull();
        feature.Settings.ShouldBe(GlueSettings.Default);
    }

    [Test]
    public void Serial_tags_are_matched_against_every_tag_of_a_scenario()
    {
        using var scratch = new ScratchDirectory();
        scratch.Write("serial.feature",
            """
            @serial
            Feature: Exclusive tape drive
              Scenario: Write a tape
                Given a drive
            """);
        var settings = GlueSettings.Parse("""{ "generator": { "addNonParallelizableMarkerForTags": [ "serial" ] } }""");

        var scenario = FeatureCatalog.Load(scratch.Path, settings).ShouldHaveSingleItem().Scenarios.ShouldHaveSingleItem();

        scenario.AllTags.ShouldContain("serial");
        scenario.Feature.Settings.NonParallelizableTags.ShouldContain("serial");
    }
}
