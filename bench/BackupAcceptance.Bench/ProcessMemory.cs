namespace BackupAcceptance.Bench;

/// <summary>Peak resident memory (VmHWM) of a process and its descendants, read from /proc while they run.</summary>
public static class ProcessMemory
{
    public static long PeakKiB(int? pid)
    {
        if (pid is not { } root) return 0;
        long total = 0;
        foreach (var process in WithDescendants(root))
        {
            try
            {
                var line = File.ReadLines($"/proc/{process}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null) total += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }
        return total;
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
        catch (IOException)
        {
            children = []; // gone meanwhile
        }
        foreach (var child in children)
            foreach (var process in WithDescendants(child))
                yield return process;
    }
}
