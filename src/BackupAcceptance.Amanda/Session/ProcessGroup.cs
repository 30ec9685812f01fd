using System.Runtime.InteropServices;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// Kills a process group in one system call. amrecover started under setsid leads its own group, and the Amanda
/// programs it forks (amandad, amindexd, the pager, tar) stay in it. .NET's Process.Kill(entireProcessTree) instead
/// stops each process with SIGSTOP, lists its children, then kills: a test host that dies between the two (a test
/// run cancelled with Ctrl-C) leaves amrecover stopped for good, as seen here.
/// </summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;

    /// <returns>False when no process of the group was left.</returns>
    public static bool Kill(int groupLeader) => groupLeader > 1 && SystemKill(-groupLeader, SigKill) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SystemKill(int pid, int signal);
}
