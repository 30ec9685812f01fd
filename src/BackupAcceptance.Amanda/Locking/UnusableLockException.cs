namespace BackupAcceptance.Amanda.Locking;

/// <summary>A host lock (its folder or its file) the suite may not rely on: another user could remove or swap it while
/// a restore holds it. Nothing was locked.</summary>
public sealed class UnusableLockException(string path, string reason) : IOException($"{path} {reason}")
{
    /// <summary>The folder or file as named.</summary>
    public string LockPath { get; } = path;

    /// <summary>What is wrong: "/run/lock/x (owner nobody (uid 65534), mode 0777) is writable by ...".</summary>
    public string Reason { get; } = reason;
}
