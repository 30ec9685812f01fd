namespace BackupAcceptance.Restic;

/// <summary>How restic is run: the program, and the bounds on its commands (a repository that hangs, on a network
/// mount or a slow backend, breaks the check by name instead of holding the run).</summary>
public sealed record ResticOptions
{
    public string Program { get; init; } = "restic";

    /// <summary>snapshots, ls, dump: each read of the repository.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>restic check, which may read every pack back, and restic restore of a whole snapshot.</summary>
    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Where the password variables are read (the process's environment; a test's own).</summary>
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The variables restic takes its password from; at least one must be set (never a feature file's word).</summary>
    public static IReadOnlyList<string> PasswordVariables { get; } = ["RESTIC_PASSWORD_FILE", "RESTIC_PASSWORD", "RESTIC_PASSWORD_COMMAND"];
}
