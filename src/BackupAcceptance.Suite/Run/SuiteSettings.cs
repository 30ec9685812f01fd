using System.Reflection;

namespace BackupAcceptance.Suite.Run;

/// <summary>Where the suite reads its features and writes its results; environment variables override defaults.</summary>
public static class SuiteSettings
{
    /// <summary>BACKUP_ACCEPTANCE_FEATURES (a directory or one .feature file), else the repository's features/.</summary>
    public static string FeaturesPath()
    {
        var configured = Environment.GetEnvironmentVariable("BACKUP_ACCEPTANCE_FEATURES");
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        return typeof(SuiteSettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BackupAcceptance.DefaultFeatures")?.Value
            ?? Path.Combine(AppContext.BaseDirectory, "features");
    }

    /// <summary>BACKUP_ACCEPTANCE_RESULTS, else results/ beside the suite assembly.</summary>
    public static string ResultsDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("BACKUP_ACCEPTANCE_RESULTS");
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "results")
            : Path.GetFullPath(configured);
    }
}
