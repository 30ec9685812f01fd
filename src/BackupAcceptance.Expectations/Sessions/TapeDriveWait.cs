using System.Globalization;

namespace BackupAcceptance.Expectations.Sessions;

/// <summary>How a restore got its configuration's tape drive: at once, or after waiting for other processes (named by
/// the kernel's lock table) or for another scenario of this run. Said in the step's transcript, so a slow restore step
/// shows where its time went.</summary>
public sealed record TapeDriveWait(string Config, string LockFile, TimeSpan Waited, bool BehindThisRun, IReadOnlyList<string> Holders)
{
    /// <summary>Another process held the drive when this one first asked.</summary>
    public bool BehindOthers => Holders.Count > 0;

    /// <summary>"waited 12.3 s for the tape drive of ba-daily held by PID 4242 (testhost) (lock /run/lock/...)".</summary>
    public string Note
    {
        get
        {
            var seconds = Waited.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            var whom = new List<string>();
            if (BehindThisRun) whom.Add("another scenario of this run");
            whom.AddRange(Holders);
            return whom.Count == 0
                ? $"took the tape drive of {Config} at once (lock {LockFile})"
                : $"waited {seconds} s for the tape drive of {Config} held by {string.Join(", then ", whom)} (lock {LockFile})";
        }
    }
}
