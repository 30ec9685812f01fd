using BackupAcceptance.ReqnrollNUnit.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.ReqnrollNUnit.Tests.Catalog;

/// <summary>Which files <see cref="FeatureCatalog.Load(string)"/> finds, and what it makes of broken or missing ones.</summary>
public sealed class FeatureCatalogLoadTests
{
    private ScratchDirectory _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchDirectory();

    [TearDown]
    public void DeleteScratch() => _scratch.Dispose();

    [Test]
    public void A_directory_gives_every_feature_below_it_in_ordinal_order()
    {
        _scratch.Write("b.feature", FeatureText.Minimal("B"));
        _scratch.Write("a.feature", FeatureText.Minimal("A"));
        _scratch.Write("Z.feature", FeatureText.Minimal("Z"));
        _scratch.Write("nested/c.feature", FeatureText.Minimal("C"));
        _scratch.Write("nested/deeper/d.feature", FeatureText.Minimal("D"));
        _scratch.Write("notes.txt", "not a feature");

        var features = FeatureCatalog.Load(_scratch.Path);

        features.Select(feature => feature.RelativePath).ShouldBe(
            ["Z.feature", "a.feature", "b.feature", "nested/c.feature", "nested/deeper/d.feature"]);
        features.ShouldAllBe(feature => feature.LoadError == null);
    }

    [Test]
    public void Locations_in_nested_directories_are_relative_to_the_loaded_directory()
    {
        _scratch.Write("nested/deeper/d.feature", FeatureText.Minimal("D"));

        var scenario = FeatureCatalog.Load(_scratch.Path).ShouldHaveSingleItem().Scenarios.ShouldHaveSingleItem();

        scenario.Location.ShouldBe("nested/deeper/d.feature:3");
        scenario.Feature.FullPath.ShouldBe(_scratch.PathOf("nested/deeper/d.feature"));
    }

    [Test]
    public void A_single_file_gives_that_feature_only_with_paths_relative_to_its_directory()
    {
        var file = _scratch.Write("library/one.feature", FeatureText.Minimal("One"));
        _scratch.Write("library/two.feature", FeatureText.Minimal("Two"));

        var feature = FeatureCatalog.Load(file).ShouldHaveSingleItem();

        feature.Title.ShouldBe("One");
        feature.RelativePath.ShouldBe("one.feature");
        feature.Scenarios.ShouldHaveSingleItem().Location.ShouldBe("one.feature:3");
    }

    [Test]
    public void Hidden_directories_are_not_searched()
    {
        _scratch.Write(".git/stray.feature", FeatureText.Minimal("Stray"));
        _scratch.Write("real.feature", FeatureText.Minimal("Real"));

        FeatureCatalog.Load(_scratch.Path).ShouldHaveSingleItem().RelativePath.ShouldBe("real.feature");
    }

    [Test]
    public void A_missing_path_gives_one_unloadable_feature_saying_where_it_looked()
    {
        var missing = _scratch.PathOf("no/such/dir");

        var feature = FeatureCatalog.Load(missing).ShouldHaveSingleItem();

        feature.Scenarios.ShouldBeEmpty();
        feature.FixtureName.ShouldBe("NoFeatureFiles");
        feature.LoadError.ShouldNotBeNull();
        feature.LoadError.ShouldContain($"'{missing}' does not exist");
    }

    [Test]
    public void A_directory_without_features_gives_one_unloadable_feature_saying_what_it_looked_for()
    {
        _scratch.Write("readme.md", "# no features here");

        var feature = FeatureCatalog.Load(_scratch.Path).ShouldHaveSingleItem();

        feature.LoadError.ShouldNotBeNull();
        feature.LoadError.ShouldContain($"no *.feature file in the directory '{_scratch.Path}'");
    }

    [Test]
    public void An_empty_path_gives_one_unloadable_feature() =>
        FeatureCatalog.Load("").ShouldHaveSingleItem().LoadError.ShouldNotBeNull().ShouldContain("path is empty");

    [Test]
    public void A_syntax_error_gives_an_unloadable_feature_with_the_parser_message_file_and_line()
    {
        _scratch.Write("good.feature", FeatureText.Minimal("Good"));
        var broken = _scratch.Write("sub/broken.feature",
            """
            Feature: Broken

              Scenario: Half written
                Given a step
              and then prose the parser cannot place
            """);

        var features = FeatureCatalog.Load(_scratch.Path);

        features.Count.ShouldBe(2);
        features[0].LoadError.ShouldBeNull();
        var error = features[1].LoadError.ShouldNotBeNull();
        error.ShouldContain($"Gherkin syntax error in sub/broken.feature ({broken})");
        error.ShouldContain("sub/broken.feature:5: (5:3): expected: #EOF");
        error.ShouldContain("got 'and then prose the parser cannot place'");
        features[1].FixtureName.ShouldBe("BrokenFeature");
    }

    [Test]
    public void An_unknown_language_header_is_a_syntax_error_too()
    {
        _scratch.Write("klingon.feature", "# language: tlh-x\nFeature: x\n");

        FeatureCatalog.Load(_scratch.Path).ShouldHaveSingleItem().LoadError.ShouldNotBeNull()
            .ShouldContain("Language not supported: tlh-x");
    }

    [Test]
    public void An_empty_file_is_a_feature_without_scenarios_named_after_the_file()
    {
        _scratch.Write("placeholder.feature", "");

        var feature = FeatureCatalog.Load(_scratch.Path).ShouldHaveSingleItem();

        feature.LoadError.ShouldBeNull();
        feature.Title.ShouldBe("placeholder");
        feature.Scenarios.ShouldBeEmpty();
    }
}
