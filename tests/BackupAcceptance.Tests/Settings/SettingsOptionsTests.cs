using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Settings;
using NUnit.Framework;
using Shouldly;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Tests.Settings;

/// <summary>The settings handed on: amrecover's options, the walk, the restore's bounds, each at its default when unset.</summary>
public sealed class SettingsOptionsTests
{
    private static RunSettings Read(params (string Name, string Value)[] set) =>
        RunSettings.Read(name => set.Where(s => "BACKUP_ACCEPTANCE_" + s.Name == name).Select(s => s.Value).FirstOrDefault()).Validated();

    [Test]
    public void Amrecover_options_keep_their_defaults_when_nothing_is_set()
    {
        var options = RunSettings.Defaults.Amrecover();
        options.AmrecoverPath.ShouldBe("amrecover");
        options.CommandPrefix.ShouldBeEmpty();
        options.IndexServer.ShouldBeNull();
        options.CommandTimeout.ShouldBe(TimeSpan.FromSeconds(60));
        options.ExtractTimeout.ShouldBe(TimeSpan.FromHours(1));
        options.ExtractStallTimeout.ShouldBe(TimeSpan.FromMinutes(2));
        options.RestoreRoot.ShouldBeNull();
    }

    [Test]
    public void Amrecover_options_take_every_setting()
    {
        var root = Path.GetTempPath();
        var options = Read(("AMRECOVER", "/opt/amanda/sbin/amrecover"), ("COMMAND_PREFIX", "sudo -n"), ("INDEX_SERVER", "backup1"),
            ("TAPE_SERVER", "tape1"), ("COMMAND_TIMEOUT", "90"), ("EXTRACT_TIMEOUT", "7200"), ("EXTRACT_STALL", "30"), ("RESTORE_DIR", root)).Amrecover();
        options.AmrecoverPath.ShouldBe("/opt/amanda/sbin/amrecover");
        options.CommandPrefix.ShouldBe(["sudo", "-n"]);
        options.IndexServer.ShouldBe("backup1");
        options.TapeServer.ShouldBe("tape1");
        options.CommandTimeout.ShouldBe(TimeSpan.FromSeconds(90));
        options.ExtractTimeout.ShouldBe(TimeSpan.FromHours(2));
        options.ExtractStallTimeout.ShouldBe(TimeSpan.FromSeconds(30));
        options.RestoreRoot.ShouldBe(Path.GetFullPath(root));
    }

    [Test]
    public void The_walk_defaults_to_index_files_three_sessions_a_cache_and_no_bound()
    {
        var walking = RunSettings.Defaults.Walking(name => name == "HOME" ? "/home/op" : null);
        walking.IndexFiles.ShouldBe(IndexFilesMode.Auto);
        walking.Walk.Sessions.ShouldBe(3);
        walking.Cache!.Directory.ShouldBe("/home/op/.cache/backup-acceptance");
        walking.Timeout.ShouldBeNull();
    }

    [Test]
    public void The_sessions_per_host_are_the_pools_default_unless_set()
    {
        Read().SessionsPerHost().ShouldBe(SessionPool.DefaultSessionsPerHost);
        SettingCatalogue.HostSessions.Default.ShouldBe(SessionPool.DefaultSessionsPerHost.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "the table's default is the pool's");
        Read(("HOST_SESSIONS", "2")).SessionsPerHost().ShouldBe(2);
    }

    [Test]
    public async Task The_runs_pool_takes_the_sessions_per_host_and_the_walk_settings()
    {
        var settings = Read(("HOST_SESSIONS", "2"), ("WALK_SESSIONS", "5"));
        var options = settings.Amrecover();
        await using var pool = settings.NewSessionPool(options, _ => null);
        pool.SessionsPerHost.ShouldBe(2);
        pool.Walking.Walk.Sessions.ShouldBe(5);
        pool.Options.ShouldBeSameAs(options, "the run reports the time waited on this very object");
    }

    [Test]
    public void The_walk_takes_its_settings()
    {
        var walking = Read(("INDEX_FILES", "off"), ("WALK_SESSIONS", " 16 "), ("CACHE", "off"), ("WALK_TIMEOUT", "90")).Walking(_ => null);
        walking.IndexFiles.ShouldBe(IndexFilesMode.Off);
        walking.Walk.Sessions.ShouldBe(16);
        walking.Cache.ShouldBeNull();
        walking.Timeout.ShouldBe(TimeSpan.FromSeconds(90));
    }

    [Test]
    public void Restore_bounds_default_to_10_GiB_and_300_seconds()
    {
        RunSettings.Defaults.FullRestoreLimitKiB().ShouldBe(10_240L * 1024);
        RunSettings.Defaults.DataCheckTimeout().ShouldBe(TimeSpan.FromMinutes(5));
        Read(("FULL_RESTORE_LIMIT_MB", "1")).FullRestoreLimitKiB().ShouldBe(1024);
        Read(("DATA_CHECK_TIMEOUT", "20")).DataCheckTimeout().ShouldBe(TimeSpan.FromSeconds(20));
    }
}
