namespace BackupAcceptance.Expectations.Sessions;

/// <summary>A configuration's tape drive that this restore could not have: another holder kept it past the bound, or the
/// lock that makes restores take turns is one the suite may not rely on. Nothing was restored.</summary>
public sealed class TapeDriveUnavailableException(string config, string lockFile, string reason, Exception? inner = null)
    : Exception($"the tape drive of {config} (lock {lockFile}): {reason}", inner)
{
    public string Config { get; } = config;

    public string LockFile { get; } = lockFile;

    public string Reason { get; } = reason;
}
