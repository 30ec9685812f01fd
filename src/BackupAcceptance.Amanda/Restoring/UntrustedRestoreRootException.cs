namespace BackupAcceptance.Amanda.Restoring;

/// <summary>The restore root (BACKUP_ACCEPTANCE_RESTORE_DIR, or the temporary directory) is not one the suite may
/// restore into: another user could swap a restore area under it and have the checks judge their bytes. Nothing was
/// made or restored.</summary>
public sealed class UntrustedRestoreRootException(string root, string reason) : Exception($"restore root {root}: {reason}")
{
    /// <summary>The root as configured.</summary>
    public string Root { get; } = root;

    /// <summary>Which component of it is wrong and how: "/srv/x (owner nobody (uid 65534), mode 0755) is owned by ...".</summary>
    public string Reason { get; } = reason;
}
