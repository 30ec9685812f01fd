namespace BackupAcceptance.Core.Failures;

/// <summary>
/// What broke, so the morning reader knows where to look. Every failure message starts with the category's title
/// followed by a colon; reports (Allure categories) match on that stable prefix.
/// </summary>
public enum FailureCategory
{
    /// <summary>Not a single file: only directories, or nothing at all.</summary>
    HollowBackup,

    /// <summary>Files, but fewer than the expectation asks for.</summary>
    TooFewFiles,
    MissingPath,
    StaleBackup,
    CountDrop,
    RestoreMismatch,

    /// <summary>Restored data that its own tool rejects (an integrity check, a config test): the backup restores, but
    /// what it restores would not work.</summary>
    DataCheckFailed,

    /// <summary>A data check that wrote outside its copy of the restored data (its private /tmp, /var/tmp, /dev/shm,
    /// ...): it tried to carry the data out. The check is at fault, not the backup, and it never counts as a pass.</summary>
    DataCheckBrokeRules,

    /// <summary>A full restore of the disk, estimated from a timed restore and the dump's size, would take longer than
    /// the step allows (the recovery time objective).</summary>
    RecoveryTooSlow,

    /// <summary>A dump whose index is missing, cut short or unreadable: it cannot be browsed for a restore.</summary>
    IndexDamaged,

    /// <summary>A repository whose own check finds errors, or whose data cannot be read back (restic): what it
    /// holds may not restore.</summary>
    RepositoryDamaged,
    AmandaUnreachable,

    /// <summary>A repository that cannot be opened: absent, the wrong password, no restic program. The repository's
    /// counterpart of Amanda unreachable; a broken run, not a bad backup.</summary>
    RepositoryUnreachable,

    /// <summary>The restore could not be done for reasons outside the backup: the restore area is full or not
    /// writable, or the tape server refused (no such storage, no data sent). A broken run, not a bad backup.</summary>
    RestoreFailed,

    /// <summary>A number or table in the feature file that cannot mean what the step says; refused before any
    /// amrecover command.</summary>
    InputError,
    SuiteDefect,

    /// <summary>The scenario vouches for nothing: no Then step, or only checks that checked nothing.</summary>
    NothingChecked,

    /// <summary>The run was stopped before the check could finish: Ctrl-C, a signal, or the run's own time limit.</summary>
    Interrupted,
}

public static class FailureCategoryTitles
{
    public static string Title(this FailureCategory category) => category switch
    {
        FailureCategory.HollowBackup => "Hollow backup",
        FailureCategory.TooFewFiles => "Too few files",
        FailureCategory.MissingPath => "Missing path",
        FailureCategory.StaleBackup => "Stale backup",
        FailureCategory.CountDrop => "Count drop",
        FailureCategory.RestoreMismatch => "Restore mismatch",
        FailureCategory.DataCheckFailed => "Data check failed",
        FailureCategory.DataCheckBrokeRules => "Data check broke the rules",
        FailureCategory.RecoveryTooSlow => "Recovery too slow",
        FailureCategory.IndexDamaged => "Index damaged",
        FailureCategory.RepositoryDamaged => "Repository damaged",
        FailureCategory.AmandaUnreachable => "Amanda unreachable or misconfigured",
        FailureCategory.RepositoryUnreachable => "Repository unreachable or misconfigured",
        FailureCategory.RestoreFailed => "Restore failed",
        FailureCategory.InputError => "Input error",
        FailureCategory.SuiteDefect => "Suite defect",
        FailureCategory.NothingChecked => "Nothing checked",
        FailureCategory.Interrupted => "Interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>An expectation not met (the backup is bad: the test fails) as opposed to a check that could not run
    /// (the backup system's servers, this machine, the feature file or the suite are at fault: the test is broken).</summary>
    public static bool IsBackupDefect(this FailureCategory category) =>
        category is not (FailureCategory.AmandaUnreachable or FailureCategory.RepositoryUnreachable or FailureCategory.RestoreFailed or FailureCategory.InputError
            or FailureCategory.SuiteDefect or FailureCategory.NothingChecked or FailureCategory.Interrupted
            or FailureCategory.DataCheckBrokeRules);
}
