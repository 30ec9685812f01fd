namespace BackupAcceptance.Amanda.Session;

/// <summary>Finds a program as the shell would (a path, or a name searched in PATH), so that a missing amrecover is
/// reported as missing before anything is started.</summary>
internal static class ExecutableSearch
{
    /// <exception cref="FileNotFoundException">No such program, or not executable.</exception>
    public static string Require(string program)
    {
        if (program.Contains('/'))
            return IsExecutable(program) ? program : throw new FileNotFoundException($"{program} does not exist or is not executable.");
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (IsExecutable(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{program} is not in PATH ({Environment.GetEnvironmentVariable("PATH")}).");
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
