using BackupAcceptance.Expectations;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// The labels that make the report's tree config > host > disk (allure-config.json's groupBy): one disk's scenarios
/// under its config, host and disk; the estate's ("Given every disk of ba-daily config") under the config as
/// "every disk of ba-daily config"; a scenario that never named a disk (an input error) under "no disk named", by
/// feature, so it is seen rather than lost at the root.
/// </summary>
public static class AllureSuites
{
    public const string NoDisk = "no disk named";

    private static readonly string[] Names = ["parentSuite", "suite", "subSuite"];

    public static IReadOnlyList<AllureLabel> For(BackupTarget? target, IReadOnlyList<BackupTarget>? estate, string feature) =>
        target is { IsEstate: false } disk ? [new("parentSuite", disk.Config), new("suite", disk.Host), new("subSuite", disk.Disk)]
        : EstateConfig(target, estate) is { } config ? [new("parentSuite", config), new("suite", EveryDisk(config))]
        : [new("parentSuite", NoDisk), new("suite", feature)];

    /// <summary>The labels with the suites replaced by <see cref="For"/>.</summary>
    public static List<AllureLabel> Replace(IEnumerable<AllureLabel> labels, BackupTarget? target, IReadOnlyList<BackupTarget>? estate, string feature) =>
        [.. labels.Where(l => !Names.Contains(l.Name)), .. For(target, estate, feature)];

    public static string EveryDisk(string config) => $"every disk of {config} config";

    private static string? EstateConfig(BackupTarget? target, IReadOnlyList<BackupTarget>? estate) =>
        target is { IsEstate: true } ? target.Config : estate is { Count: > 0 } ? estate[0].Config : null;
}
