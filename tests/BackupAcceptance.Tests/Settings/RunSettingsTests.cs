using BackupAcceptance.Expectations.Settings;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Settings;

/// <summary>Every setting read once, checked by its row, and refused by name and origin when it breaks the rule.</summary>
public sealed class RunSettingsTests
{
    private static RunSettings Read(params (string Name, string Value)[] set) =>
        RunSettings.Read(name => set.Where(s => s.Name == name).Select(s => s.Value).FirstOrDefault());

    [Test]
    public void Nothing_set_is_every_default_and_no_problem()
    {
        var settings = Read();
        settings.Problems.ShouldBeEmpty();
        settings.Validated().ShouldBeSameAs(settings);
        settings.Values.Count.ShouldBe(SettingCatalogue.All.Count);
        settings.Values.ShouldAllBe(v => v.Value == null && v.Origin == "default");
        settings.Seconds(SettingCatalogue.CommandTimeout).ShouldBeNull();
        settings.Choice(SettingCatalogue.Cache).ShouldBe("on");
    }

    [Test]
    public void A_value_is_read_trimmed_and_typed()
    {
        var settings = Read(("BACKUP_ACCEPTANCE_COMMAND_TIMEOUT", " 90 "), ("BACKUP_ACCEPTANCE_WALK_SESSIONS", "5"),
            ("BACKUP_ACCEPTANCE_INDEX_FILES", "OFF"), ("BACKUP_ACCEPTANCE_COMMAND_PREFIX", "sudo  -n"), ("BACKUP_ACCEPTANCE_SEED", "-7"));
        settings.Problems.ShouldBeEmpty();
        settings.Seconds(SettingCatalogue.CommandTimeout).ShouldBe(TimeSpan.FromSeconds(90));
        settings.Number(SettingCatalogue.WalkSessions).ShouldBe(5);
        settings.Choice(SettingCatalogue.IndexFiles).ShouldBe("off");
        settings.Words(SettingCatalogue.CommandPrefix).ShouldBe(["sudo", "-n"]);
        settings.Number(SettingCatalogue.Seed).ShouldBe(-7);
    }

    [Test]
    public void An_empty_variable_is_not_set() =>
        Read(("BACKUP_ACCEPTANCE_COMMAND_TIMEOUT", "  ")).Values.Single(v => v.Setting == SettingCatalogue.CommandTimeout).Origin.ShouldBe("default");

    [TestCase("COMMAND_TIMEOUT", "abc", "'abc' is not a positive number of seconds")]
    [TestCase("COMMAND_TIMEOUT", "0", "'0' is not a positive number of seconds")]
    [TestCase("EXTRACT_STALL", "-1", "'-1' is not a positive number of seconds")]
    [TestCase("WALK_TIMEOUT", "an hour", "'an hour' is not a positive number of seconds")]
    [TestCase("RUN_TIMEOUT", "4300000", "'4300000' is more than 2592000 seconds")] // past Task.Delay's 49 days: refused, not silently no limit
    [TestCase("DATA_CHECK_TIMEOUT", "90000", "'90000' is more than 86400 seconds")]
    [TestCase("WALK_SESSIONS", "0", "'0' is not a whole number of sessions from 1 to 16")]
    [TestCase("WALK_SESSIONS", "17", "'17' is not a whole number of sessions from 1 to 16")]
    [TestCase("WALK_SESSIONS", "three", "'three' is not a whole number of sessions from 1 to 16")]
    [TestCase("FULL_RESTORE_LIMIT_MB", "0", "'0' is not a whole number of MiB from 1 to 100000000")]
    [TestCase("SEED", "1.5", "'1.5' is not a whole number from -2147483648 to 2147483647")]
    [TestCase("INDEX_FILES", "yes", "'yes' is not 'auto' or 'off'")]
    [TestCase("CACHE", "of", "'of' is not 'on' or 'off'")]
    [TestCase("RESTORE_DIR", "/no/such/folder", "'/no/such/folder' is not a folder")]
    [TestCase("INDEX_SERVER", "two words", "'two words' is not one word")]
    public void A_bad_value_is_refused_by_name_and_why(string name, string value, string why)
    {
        var settings = Read(("BACKUP_ACCEPTANCE_" + name, value));
        settings.Problems.ShouldBe([$"BACKUP_ACCEPTANCE_{name}: {why} (environment)"]);
        var refused = Should.Throw<SettingsException>(() => settings.Validated());
        refused.Message.ShouldBe($"Input error: BACKUP_ACCEPTANCE_{name}: {why} (environment)");
        // Kept out: what reads it gets the default, never the bad value.
        settings.Text(SettingCatalogue.All.Single(s => s.Name == name)).ShouldBeNull();
    }

    [Test]
    public void Every_bad_setting_is_named_not_only_the_first() =>
        Read(("BACKUP_ACCEPTANCE_COMMAND_TIMEOUT", "x"), ("BACKUP_ACCEPTANCE_CACHE", "y")).Problems.Count.ShouldBe(2);

    [Test]
    public void A_value_from_the_settings_file_says_its_file_and_line()
    {
        var settings = Read(("BACKUP_ACCEPTANCE_SETTINGS", "/etc/backup-acceptance/settings.conf"),
            (RunSettings.LinesVariable, "command_timeout:4 results:2"),
            ("BACKUP_ACCEPTANCE_COMMAND_TIMEOUT", "abc"), ("BACKUP_ACCEPTANCE_RESULTS", "/var/lib/ba"), ("BACKUP_ACCEPTANCE_CACHE", "off"));
        settings.Problems.ShouldBe(["BACKUP_ACCEPTANCE_COMMAND_TIMEOUT: 'abc' is not a positive number of seconds (/etc/backup-acceptance/settings.conf line 4)"]);
        var effective = settings.Effective().ToDictionary(p => p.Key, p => p.Value);
        effective["results"].ShouldBe("/var/lib/ba from /etc/backup-acceptance/settings.conf line 2");
        effective["cache"].ShouldBe("off from environment");
        effective["command_timeout"].ShouldBe("(default: 60)");
    }

    [Test]
    public void A_secret_is_recorded_as_set_and_never_by_value()
    {
        var token = new Setting("TOKEN", new SettingKind.Word(), "none", "a token", Secret: true);
        new SettingValue(token, "hunter2", "environment").Shown.ShouldBe("(set, not shown) from environment");
        new SettingValue(token, null, "default").Shown.ShouldBe("(default: none)");
    }

    [Test]
    public void File_keys_are_lower_case_names()
    {
        SettingCatalogue.CommandTimeout.Key.ShouldBe("command_timeout");
        SettingCatalogue.CommandTimeout.Variable.ShouldBe("BACKUP_ACCEPTANCE_COMMAND_TIMEOUT");
    }
}
