namespace BackupAcceptance.Expectations.Settings;

/// <summary>A setting as this run has it: its value (null: its default holds) and where the value came from.</summary>
/// <param name="Origin">"default", "environment", or the settings file and line ("/etc/backup-acceptance/settings.conf
/// line 4"), as run.d/settings.sh says which keys it took from the file (BACKUP_ACCEPTANCE_SETTINGS_LINES).</param>
public sealed record SettingValue(Setting Setting, string? Value, string Origin)
{
    /// <summary>What the report and settings.txt show: the value, "(default: ...)", or for a secret only that it is set.</summary>
    public string Shown => Value is null ? $"(default: {Setting.Default})"
        : Setting.Secret ? $"(set, not shown) from {Origin}"
        : $"{Value} from {Origin}";
}
