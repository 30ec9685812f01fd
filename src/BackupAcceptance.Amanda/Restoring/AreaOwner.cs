using System.Globalization;

namespace BackupAcceptance.Amanda.Restoring;

/// <summary>
/// The process that made a restore area, as its marker file records it: PID, its start time (field 22 of
/// /proc/PID/stat, clock ticks since boot), the boot and the PID namespace. A PID alone could be reused by another
/// process after the owner died; PID and start time together name one process of one boot. The sweep removes an area
/// only when its owner is surely gone, never one of a live run (another run on a busy server).
/// </summary>
public sealed record AreaOwner(int ProcessId, ulong StartTicks, string BootId, string PidNamespace)
{
    private const string Header = "backup-acceptance restore area";

    /// <summary>This process.</summary>
    public static AreaOwner Current { get; } = new(Environment.ProcessId, StartOf(Environment.ProcessId) ?? 0, ThisBoot(), ThisPidNamespace());

    /// <summary>The owner is gone: another boot, or no process with that PID and start time. An owner in another PID
    /// namespace (a container sharing the folder) cannot be judged from here, so it counts as alive.</summary>
    public bool IsGone()
    {
        if (BootId != Current.BootId) return true;
        if (PidNamespace != Current.PidNamespace) return false;
        return StartOf(ProcessId) != StartTicks;
    }

    /// <summary>The marker's text.</summary>
    public string ToText() => string.Create(CultureInfo.InvariantCulture,
        $"{Header}\npid {ProcessId}\nstart {StartTicks}\nboot {BootId}\npidns {PidNamespace}\n");

    /// <summary>The owner a marker names, or null when the text is not a marker the suite wrote.</summary>
    public static AreaOwner? Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != 5 || lines[0] != Header) return null;
        var values = lines.Skip(1).Select(l => l.Split(' ', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return values.TryGetValue("pid", out var pid) && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
               && values.TryGetValue("start", out var start) && ulong.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
               && values.TryGetValue("boot", out var boot) && values.TryGetValue("pidns", out var pidns)
            ? new AreaOwner(processId, ticks, boot, pidns)
            : null;
    }

    /// <summary>Field 22 of /proc/PID/stat, or null when no such process runs. Read after the last ')': the command
    /// name in field 2 may hold spaces and parentheses.</summary>
    public static ulong? StartOf(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // After ") ": field 3 (state) is index 0, so field 22 is index 19.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    private static string ThisBoot()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string ThisPidNamespace() => new FileInfo("/proc/self/ns/pid").LinkTarget ?? "unknown";
}
