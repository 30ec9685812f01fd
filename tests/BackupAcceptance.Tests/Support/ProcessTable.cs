namespace BackupAcceptance.Tests.Support;

/// <summary>Reads /proc to prove that nothing a test started is still running (zombies excepted: they hold nothing).
/// A test looks only at its own processes: by its run's id (<see cref="SuiteRunner.Living"/>, <see cref="RunScript"/>),
/// by a PID it holds, or by a token of its own (a GUID) in the command line or environment; never at every amrecover,
/// sleep or test host on the machine (a nightly run or a sysadmin's session may be there).</summary>
internal static class ProcessTable
{
    public static IReadOnlyList<int> LivingWithCommandLine(string fragment)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (!cmdline.Contains(fragment, StringComparison.Ordinal)) continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
                if (state != "Z") found.Add(pid);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    /// <summary>The living processes whose command line or environment holds <paramref name="mark"/>: a token of the
    /// test's own (a GUID), so what is found is what the test started, never another run's on the machine.</summary>
    public static IReadOnlyList<int> LivingMarkedWith(string mark) =>
        All().Where(pid => pid != System.Environment.ProcessId && IsAlive(pid)
                           && (CommandLine(pid).Contains(mark, StringComparison.Ordinal) || Environment(pid).Contains(mark, StringComparison.Ordinal)))
            .ToList();

    /// <summary>Every living process below <paramref name="pid"/> (children, grandchildren, ...).</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var child)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z") parents[child] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
        }
        var found = new List<int>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var parent))
            foreach (var (child, _) in parents.Where(p => p.Value == parent))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        return found;
    }

    /// <summary>Waits (bounded) until none of <paramref name="pids"/> is alive; returns those still alive.</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(IReadOnlyList<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var alive = pids.Where(IsAlive).ToList();
            if (alive.Count == 0 || DateTime.UtcNow > deadline) return alive;
            await Task.Delay(50);
        }
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0] != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A process's command line (NUL-separated words joined by spaces), or "" once it is gone.</summary>
    public static string CommandLine(int pid) => Read($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();

    /// <summary>A process's environment as /proc shows it (NUL-separated), or "" once it is gone.</summary>
    public static string Environment(int pid) => Read($"/proc/{pid}/environ");

    /// <summary>Every process id now in /proc.</summary>
    public static IEnumerable<int> All() => Directory.EnumerateDirectories("/proc")
        .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0);

    /// <summary>kill(2): 0 when the signal was sent.</summary>
    public static int Signal(int pid, int signal) => Kill(pid, signal);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
