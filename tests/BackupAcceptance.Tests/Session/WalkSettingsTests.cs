using BackupAcceptance.Expectations.Walks;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Session;

/// <summary>The walk's settings from the environment: a bound only when set, a bad one refused by name.</summary>
public sealed class WalkSettingsTests
{
    [Test]
    public void The_walk_timeout_is_read_in_seconds() =>
        WalkSettings.FromEnvironment(n => n == "BACKUP_ACCEPTANCE_WALK_TIMEOUT" ? "90" : null).Timeout.ShouldBe(TimeSpan.FromSeconds(90));

    [Test]
    public void No_walk_timeout_means_no_bound() => WalkSettings.FromEnvironment(_ => null).Timeout.ShouldBeNull();

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("an hour")]
    public void A_bad_walk_timeout_is_refused_by_name(string value) =>
        Should.Throw<ArgumentException>(() => WalkSettings.FromEnvironment(n => n == "BACKUP_ACCEPTANCE_WALK_TIMEOUT" ? value : null))
            .Message.ShouldContain($"BACKUP_ACCEPTANCE_WALK_TIMEOUT='{value}'");
}
