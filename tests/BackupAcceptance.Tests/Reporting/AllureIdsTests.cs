using BackupAcceptance.Suite.Reporting;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Reporting;

public sealed class AllureIdsTests
{
    [Test]
    public void Ids_depend_on_the_name_and_included_parameters_only()
    {
        AllureParameter[] first = [new("disk", "/etc"), new("seed", "1", Excluded: true)];
        AllureParameter[] second = [new("seed", "2", Excluded: true), new("disk", "/etc")];
        AllureIds.HistoryId("F / S", first).ShouldBe(AllureIds.HistoryId("F / S", second));
        AllureIds.HistoryId("F / S", first).ShouldNotBe(AllureIds.HistoryId("F / S", [new("disk", "/srv")]));
        AllureIds.TestCaseId("F / S").ShouldBe(AllureIds.TestCaseId("F / S"));
        AllureIds.TestCaseId("F / S").Length.ShouldBe(32);
    }

    [Test]
    public void Executor_comes_from_the_ci_system()
    {
        var github = new Dictionary<string, string> { ["GITHUB_RUN_ID"] = "7", ["GITHUB_SERVER_URL"] = "https://github.example", ["GITHUB_REPOSITORY"] = "o/r", ["GITHUB_RUN_NUMBER"] = "3", ["GITHUB_WORKFLOW"] = "nightly" };
        System.Text.Json.JsonSerializer.Serialize(CiExecutor.FromEnvironment("R", k => github.GetValueOrDefault(k)))
            .ShouldContain("\"buildUrl\":\"https://github.example/o/r/actions/runs/7\"");
        var gitlab = new Dictionary<string, string> { ["GITLAB_CI"] = "true", ["CI_PIPELINE_IID"] = "9", ["CI_PIPELINE_URL"] = "https://gitlab.example/p/9" };
        System.Text.Json.JsonSerializer.Serialize(CiExecutor.FromEnvironment("R", k => gitlab.GetValueOrDefault(k))).ShouldContain("\"type\":\"gitlab\"");
        System.Text.Json.JsonSerializer.Serialize(CiExecutor.FromEnvironment("R", _ => null)).ShouldContain("\"type\":\"local\"");
    }
}
