namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// How many bytes amrecover's processes have read so far (<c>rchar</c> in /proc/PID/io), summed over its process
/// group when it leads one (under setsid: amrecover, tar, and with auth local the tape server). During an extract the
/// dump streams from the tape server through amrecover to tar, so this number grows as long as the restore is alive,
/// however long the dump; when it stands still, the extract is stalled.
/// </summary>
internal static class ProcessActivity
{
    /// <returns>The bytes read, or null when this machine does not show them (no /proc, another user's process).</returns>
    public static long? BytesRead(int pid)
    {
        var members = LeadsGroup(pid) ? GroupMembers(pid) : [pid];
        long total = 0;
        var seen = false;
        foreach (var member in members)
        {
            if (ReadChars(member) is not { } read) continue;
            total += read;
            seen = true;
        }
        return seen ? total : null;
    }

    private static bool LeadsGroup(int pid) => GroupOf(pid) == pid;

    private static IEnumerable<int> GroupMembers(int group)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(directory), out var pid) && GroupOf(pid) == group)
                yield return pid;
    }

    // /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses, so count from the last ')'.
    private static int? GroupOf(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        if (stat is null) return null;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 2 && int.TryParse(fields[2], out var group) ? group : null;
    }

    private static long? ReadChars(int pid)
    {
        var io = Read($"/proc/{pid}/io");
        var line = io?.Split('\n').FirstOrDefault(l => l.StartsWith("rchar:", StringComparison.Ordinal));
        return line is not null && long.TryParse(line["rchar:".Length..].Trim(), out var read) ? read : null;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
