namespace BackupAcceptance.Expectations.Settings;

/// <summary>One row of <see cref="SettingCatalogue"/>: a setting's name, what it means, its default, and its rule.</summary>
/// <param name="Name">The name without the prefix, upper case: <c>COMMAND_TIMEOUT</c>.</param>
/// <param name="Kind">The values it takes (<see cref="SettingKind"/>).</param>
/// <param name="Default">What holds when it is not set, as the docs say it ("60", "no limit").</param>
/// <param name="Meaning">One sentence for --help and docs/settings.md.</param>
/// <param name="InFile">Whether the settings file may set it (all but the one that names the file).</param>
/// <param name="Secret">Never shown: the report and settings.txt say only that it is set (a password, a token).</param>
public sealed record Setting(string Name, SettingKind Kind, string Default, string Meaning, bool InFile = true, bool Secret = false)
{
    public const string Prefix = "BACKUP_ACCEPTANCE_";

    /// <summary>The environment variable: <c>BACKUP_ACCEPTANCE_COMMAND_TIMEOUT</c>.</summary>
    public string Variable => Prefix + Name;

    /// <summary>The settings file's key: <c>command_timeout</c> (<c>command-timeout</c> is the same key).</summary>
    public string Key => Name.ToLowerInvariant();
}
