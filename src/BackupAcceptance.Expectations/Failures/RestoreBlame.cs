namespace BackupAcceptance.Expectations.Failures;

/// <summary>Who a failed extract's words blame (<see cref="RestoreTrouble"/>).</summary>
/// <param name="NotTheBackup">True when this machine or the tape server is at fault: a broken run, "Restore failed".</param>
/// <param name="Why">Who is at fault and the words that say so.</param>
public sealed record RestoreBlame(bool NotTheBackup, string Why);
