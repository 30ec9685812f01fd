using System.Net;

namespace BackupAcceptance.Core.Checks;

/// <summary>Whether a backed-up host (an Amanda host, a restic snapshot's) is this machine, so its live files can be
/// compared with the backup.</summary>
public static class LocalHost
{
    public static bool Is(string host) =>
        host is "localhost" or "localhost.localdomain" or "127.0.0.1" or "::1" ||
        string.Equals(host, Environment.MachineName, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(host, Dns.GetHostName(), StringComparison.OrdinalIgnoreCase);
}
