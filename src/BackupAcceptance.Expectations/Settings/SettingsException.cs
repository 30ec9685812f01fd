namespace BackupAcceptance.Expectations.Settings;

/// <summary>Settings that are not what their rows allow: every one, each by name, where it was set and why. The run
/// does not start (an input error: exit 2), and no stack trace stands in for the sentence.</summary>
public sealed class SettingsException(IReadOnlyList<string> problems)
    : Exception("Input error: " + string.Join("; ", problems))
{
    /// <summary>"BACKUP_ACCEPTANCE_COMMAND_TIMEOUT: 'abc' is not a positive number of seconds (environment)", one per setting.</summary>
    public IReadOnlyList<string> Problems => problems;
}
