using BackupAcceptance.Amanda.Walking;

namespace BackupAcceptance.Expectations.Counts;

/// <summary>How the suite gets a whole dump's tree (see Checks.DiskCount); a run sets it from its settings
/// (Settings.SettingsOptions: BACKUP_ACCEPTANCE_INDEX_FILES, _WALK_SESSIONS, _CACHE, _WALK_TIMEOUT).</summary>
/// <param name="IndexFiles">Whether to count from the index files when this machine can read them.</param>
/// <param name="Walk">How an amrecover walk spreads over sessions.</param>
/// <param name="SampleDirectories">Directories amrecover lists to confirm a count from the index files.</param>
/// <param name="Cache">Walks kept per dump; null walks every time (the default, and what tests use).</param>
/// <param name="Timeout">A whole walk of one disk ends here (BACKUP_ACCEPTANCE_WALK_TIMEOUT); null: no bound.</param>
public sealed record WalkSettings(IndexFilesMode IndexFiles, WalkOptions Walk, int SampleDirectories = 50, WalkCache? Cache = null,
    TimeSpan? Timeout = null)
{
    public static WalkSettings Default { get; } = new(IndexFilesMode.Auto, new WalkOptions());
}

/// <summary>Index files: <see cref="Auto"/> reads them when this machine is the Amanda server and may read them,
/// never requires them; <see cref="Off"/> always walks through amrecover.</summary>
public enum IndexFilesMode
{
    Auto,
    Off,
}
