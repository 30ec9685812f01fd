using System.Reflection;
using BackupAcceptance.Expectations.Settings;

namespace BackupAcceptance.Suite.Run;

/// <summary>
/// The run's settings (<see cref="RunSettings"/>), read and checked once per test host: the discovery of the features
/// needs two of them before the run's container exists, so this one value is held here and handed on from the run's
/// start (Hooks/TestRunHooks) to everything else. Also where the suite reads its features and writes its results.
/// </summary>
public static class SuiteSettings
{
    private static readonly Lazy<RunSettings> Read = new(RunSettings.FromEnvironment);

    /// <summary>This run's settings, bad values kept out and listed (<see cref="RunSettings.Problems"/>): the run's start
    /// refuses them, the discovery of the features does not need to.</summary>
    public static RunSettings Current => Read.Value;

    /// <summary>BACKUP_ACCEPTANCE_FEATURES (a directory or one .feature file), else the repository's features/.</summary>
    public static string FeaturesPath(RunSettings settings) =>
        settings.FullPath(SettingCatalogue.Features)
        ?? typeof(SuiteSettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BackupAcceptance.DefaultFeatures")?.Value
        ?? Path.Combine(AppContext.BaseDirectory, "features");

    /// <summary>BACKUP_ACCEPTANCE_RESULTS, else results/ beside the suite assembly.</summary>
    public static string ResultsDirectory(RunSettings settings) =>
        settings.FullPath(SettingCatalogue.Results) ?? Path.Combine(AppContext.BaseDirectory, "results");
}
