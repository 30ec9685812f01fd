using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using BackupAcceptance.Amanda.Restoring;

namespace BackupAcceptance.Suite.Run;

/// <summary>
/// Nothing the test host starts outlives it. The test host takes a scope of its own under the run's
/// (BACKUP_ACCEPTANCE_RUN_ID: run.sh's "run-...", plus "/host-PID-NONCE") and sets it in its environment, so every
/// amrecover and data check it starts carries it; then it starts Run/watchdog.sh in a session of its own, which
/// SIGKILLs every process of that scope once the test host is gone, however it ended (a SIGKILL gives the test host
/// no chance to end its children itself). A parent-death signal would not do: in .NET it fires when the forking
/// thread exits, and thread-pool threads retire.
/// </summary>
public static partial class RunWatchdog
{
    public const string Variable = "BACKUP_ACCEPTANCE_RUN_ID";

    // As watchdog.sh accepts it: nothing a pattern or a shell would read as syntax.
    [GeneratedRegex(@"^[A-Za-z0-9.-]+(/[A-Za-z0-9.-]+)*$")]
    private static partial Regex ScopeShape();

    /// <summary>This test host's scope: under the inherited one when it is well formed, else a run of its own.</summary>
    public static string ScopeFor(string? inherited, int pid, string nonce) => Nested(inherited, $"host-{pid}-{nonce}");

    /// <summary><paramref name="part"/> under <paramref name="inherited"/> when that is well formed, else alone.</summary>
    public static string Nested(string? inherited, string part) =>
        (inherited is not null && ScopeShape().IsMatch(inherited) ? inherited + "/" : "") + part;

    /// <returns>The scope the test host's children carry.</returns>
    public static string Start()
    {
        var scope = ScopeFor(Environment.GetEnvironmentVariable(Variable), Environment.ProcessId,
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Environment.SetEnvironmentVariable(Variable, scope); // every child started from now on inherits it
        var script = Path.Combine(AppContext.BaseDirectory, "Run", "watchdog.sh");
        if (!File.Exists(script)) throw new FileNotFoundException($"The run's watchdog is missing from the build output: {script}", script);
        var watch = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "/bin/bash") { UseShellExecute = false };
        if (watch.FileName == "/usr/bin/setsid") watch.ArgumentList.Add("/bin/bash");
        foreach (var word in new[] { script, scope, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), StartTime(Environment.ProcessId) })
            watch.ArgumentList.Add(word);
        watch.Environment.Remove(Variable); // the watchdog is not of the scope it kills
        using var started = Process.Start(watch) ?? throw new InvalidOperationException("The run's watchdog did not start.");
        return scope;
    }

    /// <summary>Field 22 of /proc/PID/stat: with the PID, it tells this process from a later one given the same PID.
    /// Read as a restore area's marker reads it (<see cref="AreaOwner.StartOf"/>): one parser in C#.</summary>
    public static string StartTime(int pid) =>
        AreaOwner.StartOf(pid)?.ToString(CultureInfo.InvariantCulture)
        ?? throw new InvalidOperationException($"No process {pid.ToString(CultureInfo.InvariantCulture)} runs: it has no start time.");
}
