using BackupAcceptance.ReqnrollNUnit.Tests.Support;
using Io.Cucumber.Messages.Types;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.ReqnrollNUnit.Tests.Catalog;

/// <summary>What a feature file's scenarios, outline rows, tags and steps become.</summary>
public sealed class ScenarioDefinitionTests
{
    // Line numbers matter: the tests check locations.
    private const string TapeRotation =
        """
        @nightly
        Feature: Tape rotation

          Background:
            Given a tape library

          @smoke
          Scenario: Rotate a tape
            Given tape "A1" is loaded
            When the tapes rotate
            Then tape "A2" is loaded

          Scenario Outline: Label <kind> tapes
            Given a <kind> tape
            Then its label starts with "<prefix>"

            Examples:
              | kind   | prefix |
              | daily  | D      |
              | weekly | W      |

            @monthly
            Examples: Archive
              | kind    | prefix |
              | monthly | M      |

          @ignore
          Scenario: Not yet
            Given nothing

          @offsite
          Rule: Offsite copies

            @slow
            Scenario: Ship a tape
              Given a tape with notes:
                ```
                fragile
                ```
              And the manifest:
                | tape | site  |
                | A1   | vault |
              But not tape "B1"
              * nothing else
        """;

    private ScratchDirectory _scratch = null!;
    private FeatureDefinition _feature = null!;

    [OneTimeSetUp]
    public void LoadFeature()
    {
        _scratch = new ScratchDirectory();
        _scratch.Write("tapes/rotation.feature", TapeRotation);
        _feature = FeatureCatalog.Load(_scratch.Path).ShouldHaveSingleItem();
    }

    [OneTimeTearDown]
    public void DeleteScratch() => _scratch.Dispose();

    private ScenarioDefinition Scenario(string methodName) => _feature.Scenarios.Single(s => s.MethodName == methodName);

    [Test]
    public void The_feature_has_its_title_tags_and_a_fixture_name()
    {
        _feature.LoadError.ShouldBeNull();
        _feature.Title.ShouldBe("Tape rotation");
        _feature.Tags.ShouldBe(["nightly"]);
        _feature.FixtureName.ShouldBe("TapeRotationFeature");
        _feature.FeatureInfo.FolderPath.ShouldBe("tapes");
        _feature.FeatureInfo.Language.Name.ShouldBe("en-US");
    }

    [Test]
    public void Each_scenario_and_each_outline_row_is_one_named_scenario()
    {
        _feature.Scenarios.Select(scenario => scenario.Name).ShouldBe(
        [
            "Rotate a tape",
            "Label daily tapes [kind=daily, prefix=D]",
            "Label weekly tapes [kind=weekly, prefix=W]",
            "Label monthly tapes [Archive: kind=monthly, prefix=M]",
            "Not yet",
            "Ship a tape",
        ]);
        _feature.Scenarios.Select(scenario => scenario.MethodName).ShouldBe(
        [
            "RotateATape",
            "LabelKindTapes_Examples1_Row1",
            "LabelKindTapes_Examples1_Row2",
            "LabelKindTapes_Examples2_Row1",
            "NotYet",
            "ShipATape",
        ]);
    }

    [Test]
    public void An_outline_row_keeps_the_outline_title_and_carries_its_example_arguments()
    {
        var row = Scenario("LabelKindTapes_Examples2_Row1");

        row.Title.ShouldBe("Label <kind> tapes");
        row.ExamplesName.ShouldBe("Archive");
        row.ExampleArguments.ShouldBe([KeyValuePair.Create("kind", "monthly"), KeyValuePair.Create("prefix", "M")]);
        Scenario("RotateATape").ExampleArguments.ShouldBeEmpty();
        Scenario("RotateATape").ExamplesName.ShouldBeNull();
    }

    [Test]
    public void Locations_point_at_the_scenario_or_at_the_example_row()
    {
        _feature.Scenarios.Select(scenario => scenario.Location).ShouldBe(
        [
            "tapes/rotation.feature:8",
            "tapes/rotation.feature:19",
            "tapes/rotation.feature:20",
            "tapes/rotation.feature:25",
            "tapes/rotation.feature:28",
            "tapes/rotation.feature:35",
        ]);
    }

    [Test]
    public void Tags_of_feature_rule_scenario_and_examples_block_all_become_categories()
    {
        Scenario("RotateATape").AllTags.ShouldBe(["smoke", "nightly"]);
        Scenario("LabelKindTapes_Examples1_Row1").AllTags.ShouldBe(["nightly"]);
        Scenario("LabelKindTapes_Examples2_Row1").Tags.ShouldBe(["monthly"]);
        Scenario("LabelKindTapes_Examples2_Row1").AllTags.ShouldBe(["monthly", "nightly"]);

        var shipping = Scenario("ShipATape");
        shipping.Tags.ShouldBe(["slow"]);
        shipping.InheritedTags.ShouldBe(["nightly", "offsite"]);
        shipping.Rule.ShouldNotBeNull().Title.ShouldBe("Offsite copies");
        shipping.Rule.Tags.ShouldBe(["offsite"]);
        Scenario("RotateATape").Rule.ShouldBeNull();
    }

    [Test]
    public void Only_the_ignore_tagged_scenario_is_ignored() =>
        _feature.Scenarios.Where(scenario => scenario.IsIgnored).Select(scenario => scenario.Name).ShouldBe(["Not yet"]);

    [Test]
    public void Steps_start_with_the_background_and_have_outline_placeholders_replaced()
    {
        Scenario("LabelKindTapes_Examples2_Row1").Steps.Select(step => step.Keyword + step.Text).ShouldBe(
        [
            "Given a tape library",
            "Given a monthly tape",
            "Then its label starts with \"M\"",
        ]);
    }

    [Test]
    public void Steps_carry_keyword_types_doc_strings_and_data_tables()
    {
        var steps = Scenario("ShipATape").Steps;

        steps.Select(step => step.KeywordType).ShouldBe(
        [
            StepKeywordType.CONTEXT, StepKeywordType.CONTEXT, StepKeywordType.CONJUNCTION,
            StepKeywordType.CONJUNCTION, StepKeywordType.UNKNOWN,
        ]);
        steps[1].DocString.ShouldBe("fragile");
        steps[2].DataTable.ShouldNotBeNull().Select(row => string.Join("|", row)).ShouldBe(["tape|site", "A1|vault"]);
        steps[3].Keyword.ShouldBe("But ");
    }

    [Test]
    public void Scenarios_with_the_same_title_get_distinct_method_names()
    {
        using var scratch = new ScratchDirectory();
        scratch.Write("twice.feature",
            """
            Feature: Twice
              Scenario: Same
                Given a
              Scenario: Same
                Given b
            """);

        FeatureCatalog.Load(scratch.Path).ShouldHaveSingleItem().Scenarios.Select(s => s.MethodName)
            .ShouldBe(["Same", "Same_2"]);
    }
}
