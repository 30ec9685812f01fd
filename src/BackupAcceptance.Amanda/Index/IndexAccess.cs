using System.Text.RegularExpressions;
using BackupAcceptance.Amanda.Catalogue;

namespace BackupAcceptance.Amanda.Index;

/// <summary>
/// Whether amindexd, running as the dump user, can read a disk's index: search every directory from <c>/</c> down to
/// the disk's index directory, write that directory (amindexd sorts a dump's index into it on the first browse), and
/// read every file of a dump there. Amanda 3.5.1's amindexd, given an index file it cannot read, does not refuse: on
/// the first <c>setdisk</c> it replaces the file with an empty gzip, and the dump's index is gone for good
/// (docs/amanda-state.md). So this is asked before any browse, from owner, group and mode as the kernel applies them
/// (the owner's bits for the owner, else the group's for a member, else the others'). POSIX ACLs are not read: an
/// ACL that grants the dump user what the mode denies is still reported (nothing is browsed: the safe side).
/// </summary>
public static partial class IndexAccess
{
    /// <summary>A dump's files as amdump and amindexd name them: <c>YYYYMMDDhhmmss_L</c>, or <c>YYYYMMDD_L</c> (a
    /// config with <c>usetimestamps no</c>, or a dump from before it), then <c>-unsorted</c>, <c>.gz</c>,
    /// <c>.header</c> in any of their forms.</summary>
    [GeneratedRegex(@"^(\d{8}|\d{14})_\d+")]
    private static partial Regex DumpFileName();

    public enum Need { Search, SearchAndWrite, Read }

    /// <summary>What the dump user lacks for amindexd to browse the disk whose index directory is given: one sentence
    /// per path, empty when it lacks nothing.</summary>
    /// <exception cref="IOException">A path could not be looked at (stat failed).</exception>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(string diskDirectory, DumpUserIdentity user, CancellationToken cancellationToken)
    {
        var needs = Needs(diskDirectory, DumpFiles(Directory.EnumerateFiles(diskDirectory)));
        var statuses = await PathStatus.ReadAsync([.. needs.Select(n => n.Path)], cancellationToken);
        if (statuses.Count != needs.Count) throw new IOException($"stat gave {statuses.Count} records for {needs.Count} paths below {diskDirectory}");
        return Problems(statuses.Zip(needs, (status, need) => (status, need.Need)).ToList(), user);
    }

    /// <summary>The paths among <paramref name="files"/> that are a dump's index files (either form of date).</summary>
    public static IEnumerable<string> DumpFiles(IEnumerable<string> files) => files.Where(f => DumpFileName().IsMatch(Path.GetFileName(f)));

    /// <summary>Every directory above the disk's index directory (search), the directory itself (search and write)
    /// and the dump files in it (read), outermost first.</summary>
    public static IReadOnlyList<(string Path, Need Need)> Needs(string diskDirectory, IEnumerable<string> dumpFiles)
    {
        var full = Path.GetFullPath(diskDirectory);
        var above = new List<(string, Need)>();
        for (var parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
            above.Insert(0, (parent, Need.Search));
        return [.. above, (full, Need.SearchAndWrite), .. dumpFiles.Order(StringComparer.Ordinal).Select(f => (f, Need.Read))];
    }

    public static IReadOnlyList<string> Problems(IReadOnlyList<(PathStatus Status, Need Need)> paths, DumpUserIdentity user) =>
        paths.Where(p => !Allows(p.Status, p.Need, user)).Select(p => Sentence(p.Status, p.Need, user)).ToList();

    /// <summary>The kernel's rule for a user without capabilities: one class of bits decides, the first that applies.</summary>
    public static bool Allows(PathStatus status, Need need, DumpUserIdentity user)
    {
        if (user.Uid == 0) return true;
        var (read, write, execute) = status.Uid == user.Uid
            ? (UnixFileMode.UserRead, UnixFileMode.UserWrite, UnixFileMode.UserExecute)
            : user.Groups.Contains(status.Gid)
                ? (UnixFileMode.GroupRead, UnixFileMode.GroupWrite, UnixFileMode.GroupExecute)
                : (UnixFileMode.OtherRead, UnixFileMode.OtherWrite, UnixFileMode.OtherExecute);
        var wanted = need switch
        {
            Need.Read => read,
            Need.Search => execute,
            _ => execute | write,
        };
        return (status.Mode & wanted) == wanted;
    }

    private static string Sentence(PathStatus status, Need need, DumpUserIdentity user) => need switch
    {
        Need.Read => $"the index file {status.Path} ({status.Describe()}) is not readable by the dump user {user}",
        Need.Search => $"the directory {status.Path} ({status.Describe()}) cannot be entered by the dump user {user}",
        _ => $"the index directory {status.Path} ({status.Describe()}) cannot be entered and written by the dump user {user} " +
             "(amindexd writes a dump's sorted index there on its first browse)",
    };
}
