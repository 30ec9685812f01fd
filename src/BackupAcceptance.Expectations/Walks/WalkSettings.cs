using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Walking;

namespace BackupAcceptance.Expectations.Walks;

/// <summary>How the suite gets a whole dump's tree (see <see cref="Checks.DiskCount"/>).</summary>
/// <param name="IndexFiles">Whether to count from the index files when this machine can read them.</param>
/// <param name="Walk">How an amrecover walk spreads over sessions.</param>
/// <param name="SampleDirectories">Directories amrecover lists to confirm a count from the index files.</param>
/// <param name="Cache">Walks kept per dump; null walks every time (the default, and what tests use).</param>
/// <param name="Timeout">A whole walk of one disk ends here (BACKUP_ACCEPTANCE_WALK_TIMEOUT); null: no bound.</param>
public sealed record WalkSettings(IndexFilesMode IndexFiles, WalkOptions Walk, int SampleDirectories = 50, WalkCache? Cache = null,
    TimeSpan? Timeout = null)
{
    public static WalkSettings Default { get; } = new(IndexFilesMode.Auto, new WalkOptions());

    /// <summary><c>BACKUP_ACCEPTANCE_INDEX_FILES</c> (<c>auto</c>, the default, or <c>off</c>),
    /// <c>BACKUP_ACCEPTANCE_WALK_SESSIONS</c>, <c>BACKUP_ACCEPTANCE_CACHE</c> (on unless <c>off</c>) and
    /// <c>BACKUP_ACCEPTANCE_WALK_TIMEOUT</c> (seconds; unset: no bound).</summary>
    public static WalkSettings FromEnvironment(Func<string, string?> env)
    {
        var mode = env("BACKUP_ACCEPTANCE_INDEX_FILES")?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => IndexFilesMode.Auto,
            "off" => IndexFilesMode.Off,
            var other => throw new ArgumentException($"BACKUP_ACCEPTANCE_INDEX_FILES='{other}' is neither 'auto' nor 'off'."),
        };
        var timeout = env("BACKUP_ACCEPTANCE_WALK_TIMEOUT") is { } text && !string.IsNullOrWhiteSpace(text)
            ? TimeSpan.FromSeconds(AmrecoverOptions.ParseSeconds("BACKUP_ACCEPTANCE_WALK_TIMEOUT", text.Trim()))
            : (TimeSpan?)null;
        return new WalkSettings(mode, WalkOptions.FromEnvironment(env), Cache: WalkCache.FromEnvironment(env), Timeout: timeout);
    }
}

/// <summary>Index files: <see cref="Auto"/> reads them when this machine is the Amanda server and may read them,
/// never requires them; <see cref="Off"/> always walks through amrecover.</summary>
public enum IndexFilesMode
{
    Auto,
    Off,
}
