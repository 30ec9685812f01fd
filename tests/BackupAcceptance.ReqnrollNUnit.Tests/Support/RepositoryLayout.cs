using System.Reflection;
using NUnit.Framework;

namespace BackupAcceptance.ReqnrollNUnit.Tests.Support;

/// <summary>Where the sample project is, found from the test assembly wherever the repository is cloned.</summary>
internal static class RepositoryLayout
{
    public static string SamplesProject { get; } = FindSamplesProject();

    /// <summary>The configuration these tests were built in; the samples were built in the same one.</summary>
    public static string BuildConfiguration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    // Walks up from bin/<configuration>/net10.0 to the repository root (the folder holding the solution or tests/).
    private static string FindSamplesProject()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "BackupAcceptance.ReqnrollNUnit.Samples",
                "BackupAcceptance.ReqnrollNUnit.Samples.csproj");
            if (File.Exists(candidate))
                return candidate;

            if (File.Exists(Path.Combine(directory.FullName, "BackupAcceptance.sln")))
                break;
        }

        throw new FileNotFoundException(
            $"Found no tests/BackupAcceptance.ReqnrollNUnit.Samples/BackupAcceptance.ReqnrollNUnit.Samples.csproj above {TestContext.CurrentContext.TestDirectory}.");
    }
}
