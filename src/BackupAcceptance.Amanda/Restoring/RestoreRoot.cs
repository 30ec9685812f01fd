namespace BackupAcceptance.Amanda.Restoring;

/// <summary>
/// The rule for the directory restore areas are made in. Every directory from / down to the root's real path (links
/// resolved) must be owned by root or by the user the suite runs as, and must not be writable by its group or by
/// others, unless it has the sticky bit. Why: whoever may write a directory may rename what is in it, so another user
/// who owns (or may write) any folder on the way could swap a restore area, after the extract, for a folder of their
/// own, and the checks would judge their bytes (issue 24, RD1). The sticky bit is the exception that makes /tmp (the
/// default) safe: there only an entry's owner may rename or delete it, and the suite makes its area itself, with
/// mkdir (which fails on any name already taken) and mode 0700 inside.
/// </summary>
public static class RestoreRoot
{
    /// <summary>The root to use when none is configured: TMPDIR, else /tmp.</summary>
    public static string Default => Path.GetTempPath();

    /// <summary>The real path of <paramref name="root"/> once every component passed the rule.</summary>
    /// <exception cref="UntrustedRestoreRootException">A component fails it, naming the component, its owner and mode.</exception>
    public static string RequireTrusted(string root)
    {
        string real;
        try
        {
            real = FileStatus.RealPath(root);
        }
        catch (IOException unresolved)
        {
            throw new UntrustedRestoreRootException(root, $"cannot be resolved ({unresolved.Message})");
        }
        var me = FileStatus.EffectiveUser;
        var component = "/";
        foreach (var name in real.Split('/', StringSplitOptions.RemoveEmptyEntries).Prepend(""))
        {
            component = name.Length == 0 ? "/" : Path.Combine(component, name);
            if (Problem(component, me) is { } problem)
                throw new UntrustedRestoreRootException(root, real == Path.TrimEndingDirectorySeparator(root) || real == root
                    ? problem
                    : $"{problem} (its real path is {real})");
        }
        return real;
    }

    /// <summary>What is wrong with one directory on the way, or null.</summary>
    private static string? Problem(string component, uint me)
    {
        FileStatus? found;
        try
        {
            found = FileStatus.Of(component);
        }
        catch (IOException unreadable)
        {
            return $"{component} cannot be examined ({unreadable.Message})";
        }
        if (found is not { } status) return $"{component} is gone";
        // realpath resolved every link: a link now means one was put there since.
        if (!status.IsDirectory) return $"{component} ({status.Describe()}) is not a directory";
        if (status.Uid != 0 && status.Uid != me)
            return $"{component} ({status.Describe()}) is owned by another user than root or this one, who could swap the restore areas under it";
        if (status.WritableByOthers && !status.IsSticky)
            return $"{component} ({status.Describe()}) is writable by its group or by others and has no sticky bit: they could rename the restore areas under it";
        return null;
    }
}
