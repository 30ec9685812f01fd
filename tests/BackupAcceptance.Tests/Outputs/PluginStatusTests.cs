using BackupAcceptance.Outputs.Nagios;
using BackupAcceptance.Outputs.Summary;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Outputs;

/// <summary>What Nagios and Icinga are told: 0 OK only when every scenario passed and run.sh agrees, 2 CRITICAL for a
/// backup fault whatever broke beside it (an interrupted run's too), 3 UNKNOWN when the run could not say (never CRITICAL: that is a fault).</summary>
public sealed class PluginStatusTests
{
    [TestCase(3, 0, 0, null, 0, PluginStatus.Ok)]
    [TestCase(3, 0, 0, null, null, PluginStatus.Ok)]
    [TestCase(1, 1, 1, null, 1, PluginStatus.Critical)]
    [TestCase(0, 1, 0, null, 1, PluginStatus.Critical)]
    [TestCase(0, 1, 5, null, null, PluginStatus.Critical)]
    [TestCase(2, 0, 1, null, 2, PluginStatus.Unknown)]
    [TestCase(0, 0, 1, null, 2, PluginStatus.Unknown)]
    [TestCase(0, 0, 0, null, 2, PluginStatus.Unknown)]
    [TestCase(0, 0, 0, null, 0, PluginStatus.Unknown)]
    [TestCase(3, 0, 0, null, 2, PluginStatus.Unknown)]
    [TestCase(3, 0, 0, null, 130, PluginStatus.Unknown)]
    [TestCase(1, 1, 0, "interrupted (SIGTERM)", 130, PluginStatus.Critical)]
    [TestCase(1, 0, 1, "interrupted (SIGTERM)", 130, PluginStatus.Unknown)]
    [TestCase(0, 0, 0, null, 130, PluginStatus.Unknown)]
    [TestCase(3, 0, 0, null, 1, PluginStatus.Critical)]
    public void Status_follows_the_verdicts_and_run_sh(int passed, int failed, int broken, string? interrupted, int? exitCode, PluginStatus expected) =>
        PluginStatuses.Of(new RunCounts(passed, failed, broken), interrupted, exitCode).ShouldBe(expected);

    [Test]
    public void The_codes_are_the_plugin_codes() =>
        new[] { (int)PluginStatus.Ok, (int)PluginStatus.Critical, (int)PluginStatus.Unknown }.ShouldBe([0, 2, 3]);
}
