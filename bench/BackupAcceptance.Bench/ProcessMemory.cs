using System.Globalization;

namespace BackupAcceptance.Bench;

/// <summary>Resident memory of processes, read from /proc while they run.</summary>
public static class ProcessMemory
{
    /// <summary>VmRSS of one process, 0 when it is gone.</summary>
    public static long ResidentKiB(int pid) => Field(pid, "VmRSS:");

    /// <summary>PSS of a process and all its descendants, summed: each shared page (libraries, the binaries of a
    /// dozen amrecover, amandad and amindexd processes) counted once in all, not once per process as RSS would.</summary>
    public static long ProportionalWithDescendantsKiB(int pid) => WithDescendants(pid).Sum(p => Field(p, "Pss:", "smaps_rollup"));

    private static long Field(int pid, string name, string file = "status")
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/{file}").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // gone meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return 0; // not ours to read (smaps_rollup of a process that changed user)
        }
    }

    private static IEnumerable<int> WithDescendants(int root)
    {
        yield return root;
        List<int> children;
        try
        {
            children = Directory.EnumerateDirectories($"/proc/{root}/task")
                .SelectMany(task => File.ReadAllText($"{task}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(int.Parse).ToList();
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            children = [];
        }
        foreach (var child in children)
            foreach (var process in WithDescendants(child))
                yield return process;
    }
}
