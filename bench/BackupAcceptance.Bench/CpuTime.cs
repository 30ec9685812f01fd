using System.Globalization;

namespace BackupAcceptance.Bench;

/// <summary>
/// CPU seconds from <c>/proc/self/stat</c>: this process's own (the suite's parsing and bookkeeping), and its reaped
/// descendants' (each amrecover with the amandad, amindexd and pager processes it waited for). The difference over
/// one way says where its time went: with two cores, CPU seconds over 2 is the shortest wall time any split of the
/// work could reach.
/// </summary>
public readonly record struct CpuTime(double SelfSeconds, double ChildrenSeconds)
{
    // The kernel's clock ticks per second (sysconf(_SC_CLK_TCK)); 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    public static CpuTime Now()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // Fields after the command name, which is in parentheses and may hold spaces: utime is field 14 overall.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        double Ticks(int field) => long.Parse(fields[field - 3], CultureInfo.InvariantCulture) / TicksPerSecond;
        return new CpuTime(Ticks(14) + Ticks(15), Ticks(16) + Ticks(17));
    }

    public static CpuTime operator -(CpuTime after, CpuTime before) =>
        new(after.SelfSeconds - before.SelfSeconds, after.ChildrenSeconds - before.ChildrenSeconds);
}
