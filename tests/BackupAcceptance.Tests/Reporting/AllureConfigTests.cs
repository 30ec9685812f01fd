using BackupAcceptance.Core.Failures;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Suite.Reporting;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Reporting;

public sealed class AllureConfigTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("ba-allure-config-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_dir, "allure-config.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Test]
    public void A_missing_file_means_the_defaults() =>
        AllureConfig.Load(Path.Combine(_dir, "absent.json")).ShouldBe(AllureConfig.Defaults);

    [Test]
    public void The_repository_file_is_valid()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "BackupAcceptance.sln"))) root = root.Parent!;
        var config = AllureConfig.Load(Path.Combine(root.FullName, "allure-config.json"));
        config.Categories.Select(c => c.Name).ShouldContain("Hollow backup");
    }

    [Test]
    public void Settings_are_read_and_defaults_fill_the_rest()
    {
        var config = AllureConfig.Load(Write("""
            { "reportTitle": "Nightly", "links": [ { "tagPrefix": "issue:", "type": "issue", "urlTemplate": "https://tracker.example/{}" } ],
              "environment": { "Site": "Basel" } }
            """));
        config.ReportTitle.ShouldBe("Nightly");
        config.Links.Single().UrlTemplate.ShouldBe("https://tracker.example/{}");
        config.Environment["Site"].ShouldBe("Basel");
        config.ResultsDirectory.ShouldBe(AllureConfig.Defaults.ResultsDirectory);
        config.Categories.ShouldBe(AllureConfig.DefaultCategories);
    }

    [TestCase("{ \"reportTitle\": ", "allure-config.json is not valid")]
    [TestCase("{ \"reportTitel\": \"typo\" }", "reportTitel")]
    [TestCase("{ \"links\": [ { \"tagPrefix\": \"issue:\", \"type\": \"issue\", \"urlTemplate\": \"https://no-placeholder\" } ] }", "urlTemplate with {}")]
    [TestCase("null", "expected an object")]
    public void A_malformed_file_is_a_clear_error_naming_the_problem(string json, string expected)
    {
        var path = Write(json);
        var error = Should.Throw<InvalidDataException>(() => AllureConfig.Load(path));
        error.Message.ShouldContain(path);
        error.Message.ShouldContain(expected);
    }

    [Test]
    public void Every_failure_category_has_its_report_category_with_the_status_it_gives()
    {
        foreach (var category in Enum.GetValues<FailureCategory>().Where(c => c != FailureCategory.SuiteDefect))
        {
            var report = AllureConfig.DefaultCategories.SingleOrDefault(r => r.Name == category.Title());
            report.ShouldNotBeNull($"no report category for {category}");
            report.MessageRegex.ShouldStartWith($"^{category.Title()}:");
            report.MatchedStatuses.ShouldContain(category.IsBackupDefect() ? "failed" : "broken");
        }
    }
}
