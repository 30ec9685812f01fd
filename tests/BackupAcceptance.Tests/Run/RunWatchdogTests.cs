using System.Diagnostics;
using BackupAcceptance.Suite.Run;
using BackupAcceptance.Tests.Support;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Run;

/// <summary>
/// The run's watchdog (src/BackupAcceptance.Suite/Run/watchdog.sh) and the scopes it kills: once the owner is gone,
/// every process of its scope and of the scopes under it, and nothing else: not the scope above, not a sibling whose
/// name merely starts the same.
/// </summary>
public sealed class RunWatchdogTests
{
    private static readonly string Script = Path.Combine(Repository.Root, "src", "BackupAcceptance.Suite", "Run", "watchdog.sh");

    [Test]
    public void A_test_host_nests_its_scope_under_the_runs()
    {
        RunWatchdog.ScopeFor("run-12-ab/suite", 42, "beef").ShouldBe("run-12-ab/suite/host-42-beef");
        RunWatchdog.ScopeFor(null, 42, "beef").ShouldBe("host-42-beef");
    }

    [TestCase("run 1")]
    [TestCase("run-1/")]
    [TestCase("run-1//x")]
    [TestCase("run-1$(reboot)")]
    [TestCase("")]
    public void A_malformed_inherited_scope_is_not_nested_under(string inherited) =>
        RunWatchdog.ScopeFor(inherited, 42, "beef").ShouldBe("host-42-beef");

    [Test]
    public void Results_are_the_users_alone_unless_a_group_is_named()
    {
        ResultsModes.Mask(null).ShouldBe(Convert.ToUInt32("077", 8));
        ResultsModes.Mask(" ").ShouldBe(Convert.ToUInt32("077", 8));
        ResultsModes.Mask("backup").ShouldBe(Convert.ToUInt32("027", 8));
    }

    [Test]
    public async Task When_the_owner_dies_its_scope_and_the_scopes_under_it_are_killed_and_nothing_else()
    {
        var id = $"t{Guid.NewGuid():N}";
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var owner = Sleep(null, cancel.Token);
        var own = Sleep($"{id}/run", cancel.Token);
        var nested = Sleep($"{id}/run/suite/host-1-ab", cancel.Token);
        var sibling = Sleep($"{id}/run2", cancel.Token);   // starts like the scope, is not under it
        var above = Sleep(id, cancel.Token);
        var watchdog = Cli.Wrap("setsid").WithArguments(["bash", Script, $"{id}/run", owner.ProcessId.ToString(), RunWatchdog.StartTime(owner.ProcessId)])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancel.Token);
        await Task.Delay(700);
        ProcessTable.IsAlive(own.ProcessId).ShouldBeTrue("the watchdog waits while the owner lives");

        ProcessTable.Signal(owner.ProcessId, 9);
        var clock = Stopwatch.StartNew();

        (await ProcessTable.WaitUntilGoneAsync([own.ProcessId, nested.ProcessId], TimeSpan.FromSeconds(5))).ShouldBeEmpty();
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        (await watchdog).ExitCode.ShouldBe(0, "the watchdog ends by itself");
        ProcessTable.IsAlive(sibling.ProcessId).ShouldBeTrue("a sibling scope is not this one");
        ProcessTable.IsAlive(above.ProcessId).ShouldBeTrue("the scope above is not this one");
        await cancel.CancelAsync();
    }

    [Test]
    public async Task Now_sweeps_at_once_and_names_what_it_killed()
    {
        var id = $"t{Guid.NewGuid():N}";
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var left = Sleep($"{id}/suite", cancel.Token);
        await Task.Delay(300);

        var swept = await Cli.Wrap("bash").WithArguments([Script, "--now", $"{id}/suite"]).ExecuteBufferedAsync(cancel.Token);

        swept.StandardOutput.ShouldContain($"{left.ProcessId} sleep 77");
        (await ProcessTable.WaitUntilGoneAsync([left.ProcessId], TimeSpan.FromSeconds(2))).ShouldBeEmpty();
        (await Cli.Wrap("bash").WithArguments([Script, "--now", $"{id}/suite"]).ExecuteBufferedAsync(cancel.Token)).StandardOutput.ShouldBeEmpty();
        await cancel.CancelAsync();
    }

    [Test]
    public async Task A_scope_a_pattern_would_read_as_syntax_is_refused()
    {
        var refused = await Cli.Wrap("bash").WithArguments([Script, "--now", ".*"]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        refused.ExitCode.ShouldBe(2);
    }

    private static CommandTask<CommandResult> Sleep(string? scope, CancellationToken cancellationToken) =>
        Cli.Wrap("sleep").WithArguments(["77"])
            .WithEnvironmentVariables(env => env.Set("BACKUP_ACCEPTANCE_RUN_ID", scope))
            .WithValidation(CommandResultValidation.None).ExecuteAsync(cancellationToken);
}
