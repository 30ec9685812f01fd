namespace BackupAcceptance.Suite.Reporting;

/// <summary>Allure's executor.json from the CI system's own variables: the build and its link on the report.</summary>
public static class CiExecutor
{
    public static object FromEnvironment(string reportName) => FromEnvironment(reportName, Environment.GetEnvironmentVariable);

    public static object FromEnvironment(string reportName, Func<string, string?> env)
    {
        if (env("GITHUB_RUN_ID") is { Length: > 0 } run)
        {
            var url = $"{env("GITHUB_SERVER_URL")}/{env("GITHUB_REPOSITORY")}/actions/runs/{run}";
            return new { name = "GitHub Actions", type = "github", buildName = $"{env("GITHUB_WORKFLOW")} #{env("GITHUB_RUN_NUMBER")}", buildOrder = env("GITHUB_RUN_NUMBER"), buildUrl = url, reportName };
        }
        if (env("GITLAB_CI") is { Length: > 0 })
            return new { name = "GitLab CI", type = "gitlab", buildName = $"pipeline {env("CI_PIPELINE_IID")}", buildOrder = env("CI_PIPELINE_IID"), buildUrl = env("CI_PIPELINE_URL"), reportName };
        if (env("JENKINS_URL") is { Length: > 0 })
            return new { name = "Jenkins", type = "jenkins", buildName = env("BUILD_TAG"), buildOrder = env("BUILD_NUMBER"), buildUrl = env("BUILD_URL"), reportName };
        return new { name = "local run", type = "local", buildName = $"{Environment.MachineName} {DateTime.Now:yyyy-MM-dd HH:mm}", reportName };
    }
}
