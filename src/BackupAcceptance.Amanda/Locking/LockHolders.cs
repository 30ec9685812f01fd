using System.Globalization;

namespace BackupAcceptance.Amanda.Locking;

/// <summary>
/// Who holds a flock(2) lock, from the kernel's /proc/locks: one line per lock, e.g.
/// <c>3: FLOCK  ADVISORY  WRITE 4242 fe:00:11715175 0 EOF</c> (id, kind, mode, PID, device major:minor in hex and
/// inode in decimal); waiting locks carry <c>-&gt;</c> after the id and hold nothing. PID 0 or less: a holder in another
/// PID namespace. The kernel's word, so a lock file's content is never needed (nor trusted) to name its holder.
/// </summary>
public static class LockHolders
{
    /// <summary>The PIDs holding a flock on the file at (major, minor, inode), in the order the kernel lists them.</summary>
    public static IReadOnlyList<int> Of(string procLocks, uint major, uint minor, ulong inode)
    {
        var holders = new List<int>();
        foreach (var line in procLocks.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[1] != "FLOCK") continue; // "->" (a waiter), POSIX and OFD locks
            var file = fields[5].Split(':');
            if (file.Length == 3
                && uint.TryParse(file[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var lineMajor) && lineMajor == major
                && uint.TryParse(file[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var lineMinor) && lineMinor == minor
                && ulong.TryParse(file[2], NumberStyles.None, CultureInfo.InvariantCulture, out var lineInode) && lineInode == inode
                && int.TryParse(fields[4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var pid)
                && !holders.Contains(pid))
                holders.Add(pid);
        }
        return holders;
    }
}
