using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Expectations.Settings;

/// <summary>The run's settings as the options of the parts that use them: amrecover's, and how a disk is walked.</summary>
public static class SettingsOptions
{
    public static AmrecoverOptions Amrecover(this RunSettings settings)
    {
        var options = new AmrecoverOptions { CommandPrefix = settings.Words(SettingCatalogue.CommandPrefix) };
        if (settings.Text(SettingCatalogue.Amrecover) is { } path) options = options with { AmrecoverPath = path };
        options = options with
        {
            IndexServer = settings.Text(SettingCatalogue.IndexServer),
            TapeServer = settings.Text(SettingCatalogue.TapeServer),
            CommandTimeout = settings.Seconds(SettingCatalogue.CommandTimeout) ?? options.CommandTimeout,
            ExtractTimeout = settings.Seconds(SettingCatalogue.ExtractTimeout) ?? options.ExtractTimeout,
            ExtractStallTimeout = settings.Seconds(SettingCatalogue.ExtractStall) ?? options.ExtractStallTimeout,
            RestoreRoot = settings.FullPath(SettingCatalogue.RestoreDir),
        };
        return options;
    }

    /// <param name="env">The user's environment, for where the cache lives (XDG_CACHE_HOME, HOME): not a setting.</param>
    public static WalkSettings Walking(this RunSettings settings, Func<string, string?> env) => new(
        settings.Choice(SettingCatalogue.IndexFiles) == "off" ? IndexFilesMode.Off : IndexFilesMode.Auto,
        new WalkOptions { Sessions = (int)(settings.Number(SettingCatalogue.WalkSessions) ?? new WalkOptions().Sessions) },
        Cache: settings.Choice(SettingCatalogue.Cache) == "off" ? null : WalkCache.ForUser(env),
        Timeout: settings.Seconds(SettingCatalogue.WalkTimeout));

    /// <summary>amrecover sessions at once per (config, host) (BACKUP_ACCEPTANCE_HOST_SESSIONS, default
    /// <see cref="SessionPool.DefaultSessionsPerHost"/>).</summary>
    public static int SessionsPerHost(this RunSettings settings) =>
        (int)(settings.Number(SettingCatalogue.HostSessions) ?? SessionPool.DefaultSessionsPerHost);

    /// <summary>A run's session pool as its settings say: how whole dumps are counted, sessions per host (the suite's
    /// run and the baseline program each own one).</summary>
    /// <param name="options">The run's amrecover options (<see cref="Amrecover"/>), the very object whose time the run reports.</param>
    /// <param name="env">The user's environment, for where the cache lives: not a setting.</param>
    public static SessionPool NewSessionPool(this RunSettings settings, AmrecoverOptions options, Func<string, string?> env) => new(options)
    {
        Walking = settings.Walking(env),
        SessionsPerHost = settings.SessionsPerHost(),
    };

    /// <summary>The largest whole-disk restore, in KiB (BACKUP_ACCEPTANCE_FULL_RESTORE_LIMIT_MB, default 10 GiB).</summary>
    public static long FullRestoreLimitKiB(this RunSettings settings) =>
        (settings.Number(SettingCatalogue.FullRestoreLimitMb) ?? long.Parse(SettingCatalogue.FullRestoreLimitMb.Default, System.Globalization.CultureInfo.InvariantCulture)) * 1024;

    /// <summary>How long a command on restored data may take (BACKUP_ACCEPTANCE_DATA_CHECK_TIMEOUT, default 300 s).</summary>
    public static TimeSpan DataCheckTimeout(this RunSettings settings) =>
        settings.Seconds(SettingCatalogue.DataCheckTimeout) ?? SettingKind.Seconds.Parse(SettingCatalogue.DataCheckTimeout.Default);
}
