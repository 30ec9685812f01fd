namespace BackupAcceptance.Amanda.Locking;

/// <summary>
/// The folder every run on this host keeps its shared lock files in (/run/lock/backup-acceptance). Made 01777 when
/// missing, as /tmp is: any user's runs may add a lock file, only its owner may remove it. Trusted by the restore
/// root's rule (<see cref="Restoring.RestoreRoot"/>, docs/security.md): every folder from / down to it owned by root or
/// this user, and not writable by its group or others unless sticky. Whoever may write a folder on the way could swap
/// the lock file for another while a restore holds it, and two restores would meet at the tape drive.
/// </summary>
public static class LockFolder
{
    /// <summary>The host's folder: /run/lock is the FHS place for lock files, root-owned and sticky, emptied at boot,
    /// the same for every user and every process of the host.</summary>
    public const string Host = "/run/lock/backup-acceptance";

    private const UnixFileMode Shared = UnixFileMode.StickyBit | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The folder's real path, made first when missing, once every folder on the way passed the rule.</summary>
    /// <exception cref="UnusableLockException">It cannot be made, or a folder on the way fails the rule (named, with its
    /// owner and mode).</exception>
    public static string Require(string folder)
    {
        if (!Path.IsPathFullyQualified(folder))
            throw new UnusableLockException(folder, "is not an absolute path: every run on the host must name the same folder");
        try
        {
            // mkdir(2) fails on a name already taken (a link included): only a folder this process made is opened up.
            if (Restoring.FileStatus.MakeDirectory(folder, Shared)) File.SetUnixFileMode(folder, Shared); // past the umask
        }
        catch (Exception unmade) when (unmade is IOException or UnauthorizedAccessException)
        {
            throw new UnusableLockException(folder, $"cannot be made ({unmade.Message})");
        }
        string real;
        try
        {
            real = Restoring.FileStatus.RealPath(folder);
        }
        catch (IOException unresolved)
        {
            throw new UnusableLockException(folder, $"cannot be resolved ({unresolved.Message})");
        }
        var me = Restoring.FileStatus.EffectiveUser;
        var component = "/";
        foreach (var name in real.Split('/', StringSplitOptions.RemoveEmptyEntries).Prepend(""))
        {
            component = name.Length == 0 ? "/" : Path.Combine(component, name);
            if (Problem(component, me) is { } problem)
                throw new UnusableLockException(folder, real == folder ? problem : $"{problem} (its real path is {real})");
        }
        return real;
    }

    private static string? Problem(string component, uint me)
    {
        Restoring.FileStatus? found;
        try
        {
            found = Restoring.FileStatus.Of(component);
        }
        catch (IOException unreadable)
        {
            return $"{component} cannot be examined ({unreadable.Message})";
        }
        if (found is not { } status) return $"{component} is gone";
        if (!status.IsDirectory) return $"{component} ({status.Describe()}) is not a folder";
        if (status.Uid != 0 && status.Uid != me)
            return $"{component} ({status.Describe()}) belongs to another user than root or this one, who could swap the lock files in it";
        if (status.WritableByOthers && !status.IsSticky)
            return $"{component} ({status.Describe()}) is writable by its group or others and has no sticky bit: they could swap the lock files in it";
        return null;
    }
}
