namespace BackupAcceptance.Expectations.Failures;

/// <summary>
/// What broke, so the morning reader knows where to look. Every failure message starts with the category's title
/// followed by a colon; reports (Allure categories) match on that stable prefix.
/// </summary>
public enum FailureCategory
{
    HollowBackup,
    MissingPath,
    StaleBackup,
    CountDrop,
    RestoreMismatch,

    /// <summary>A dump whose index is missing, cut short or unreadable: it cannot be browsed for a restore.</summary>
    IndexDamaged,
    AmandaUnreachable,
    SuiteDefect,

    /// <summary>The scenario vouches for nothing: no Then step, or only checks that checked nothing.</summary>
    NothingChecked,
}

public static class FailureCategoryTitles
{
    public static string Title(this FailureCategory category) => category switch
    {
        FailureCategory.HollowBackup => "Hollow backup",
        FailureCategory.MissingPath => "Missing path",
        FailureCategory.StaleBackup => "Stale backup",
        FailureCategory.CountDrop => "Count drop",
        FailureCategory.RestoreMismatch => "Restore mismatch",
        FailureCategory.IndexDamaged => "Index damaged",
        FailureCategory.AmandaUnreachable => "Amanda unreachable or misconfigured",
        FailureCategory.SuiteDefect => "Suite defect",
        FailureCategory.NothingChecked => "Nothing checked",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>An expectation not met (the backup is bad) as opposed to a check that could not run.</summary>
    public static bool IsBackupDefect(this FailureCategory category) =>
        category is not (FailureCategory.AmandaUnreachable or FailureCategory.SuiteDefect or FailureCategory.NothingChecked);
}
