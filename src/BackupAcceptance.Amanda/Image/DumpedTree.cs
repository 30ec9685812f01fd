using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Image;

/// <summary>
/// The tree as it stood when one GNU tar incremental dump was taken, from the dump's own directory records (its
/// dumpdirs): each recorded directory and every name it held, flagged <c>Y</c> (its data is in this dump), <c>N</c>
/// (not in it: in an older dump, or excluded by the DLE, which tar records all the same and never enters) or <c>D</c>
/// (a subdirectory). While extracting, GNU tar deletes from a recorded directory every name its record lacks; a
/// directory without a record (the root of a DLE with an include list, an excluded directory) is left as older dumps
/// made it. amrecover's index holds only what each dump wrote, so its merged listing still shows names deleted
/// before the dump; these records do not.
/// </summary>
/// <param name="Flags">Each recorded name (the directory's path, then the name) and its flag.</param>
/// <param name="Recorded">The directories that have a record in this dump.</param>
/// <param name="Written">The paths of the dump's members other than directories (the files whose data it holds), each
/// with when it last changed before the dump (<see cref="TarMember.ChangedUtc"/>).</param>
/// <param name="Renames">Directories renamed since the dump before (a record's <c>R</c> and <c>T</c> pair: old and new
/// path): tar moves the old directory to the new name while extracting the record.</param>
public sealed record DumpedTree(IReadOnlyDictionary<RawPath, char> Flags, IReadOnlySet<RawPath> Recorded, IReadOnlyDictionary<RawPath, DateTime> Written,
    IReadOnlyList<(RawPath From, RawPath To)> Renames)
{
    /// <summary>Where a path of an older dump lands once this dump's renames are applied.</summary>
    public RawPath Renamed(RawPath path)
    {
        foreach (var (from, to) in Renames)
        {
            var depth = from.Components.Count;
            if (depth == 0 || path.Components.Count < depth || !path.Prefix(depth).Equals(from)) continue;
            var moved = to;
            foreach (var name in path.Components.Skip(depth)) moved = moved.Append(name);
            return moved;
        }
        return path;
    }

    /// <summary>What the records say of <paramref name="path"/>, going down from the root: a name missing from a
    /// recorded directory is gone (tar deletes it, and everything below it); a name in a directory without a record
    /// (an include list's root) or below one recorded as a non-directory (excluded, never entered) is unknown, unless a
    /// deeper recorded directory speaks for it.</summary>
    public Presence Of(RawPath path, bool isDirectory)
    {
        if (path.IsRoot) return Presence.Present;
        var count = path.Components.Count;
        for (var depth = 1; depth <= count; depth++)
        {
            var prefix = path.Prefix(depth);
            if (!Recorded.Contains(prefix.Parent)) continue;
            if (!Flags.TryGetValue(prefix, out var flag)) return Presence.Gone;
            if (depth == count) return (flag == 'D') == isDirectory ? Presence.Present : Presence.Gone;
            if (flag != 'D') return Presence.Unknown;
        }
        return Presence.Unknown;
    }

    /// <summary>A name flagged <c>Y</c> without a member: tar meant to write it and could not (unreadable, vanished).
    /// A restore gives an older copy, if any.</summary>
    public bool Unwritten(RawPath path) => Flags.TryGetValue(path, out var flag) && flag == 'Y' && !Written.ContainsKey(path);

    /// <summary>Files this dump wrote that changed after <paramref name="sinceUtc"/>: proof the disk changed since then,
    /// which names alone do not show (a file rewritten in place).</summary>
    public IReadOnlyList<RawPath> ChangedAfter(DateTime sinceUtc) =>
        Written.Where(w => w.Value > sinceUtc).Select(w => w.Key).OrderBy(p => p.ToString(), StringComparer.Ordinal).ToList();

    /// <summary>Files whose data this dump holds.</summary>
    public int WrittenFiles => Written.Count;

    /// <summary>From a dump's tar members.</summary>
    /// <returns>Null when the stream holds no record at all: not a GNU tar incremental dump (made without
    /// --listed-incremental, another dump program), so it cannot say what the tree held.</returns>
    public static async Task<DumpedTree?> FromMembersAsync(IAsyncEnumerable<TarMember> members)
    {
        var flags = new Dictionary<RawPath, char>();
        var recorded = new HashSet<RawPath>();
        var written = new Dictionary<RawPath, DateTime>();
        var renames = new List<(RawPath From, RawPath To)>();
        await foreach (var member in members)
        {
            if (member.DumpDirectory is not { } records)
            {
                written[PathOf(member.Name)] = member.ChangedUtc;
                continue;
            }
            var directory = PathOf(member.Name);
            recorded.Add(directory);
            RawPath? renamedFrom = null;
            foreach (var (flag, name) in Entries(records))
            {
                if (flag is (byte)'Y' or (byte)'N' or (byte)'D') flags[directory.Append(name)] = (char)flag;
                // R then T: a rename's old and new path, from the archive's root ("./olddir"); X: a temporary name.
                else if (flag == (byte)'R') renamedFrom = PathOf(name.ToBytes());
                else if (flag == (byte)'T' && renamedFrom is { } from) (renames, renamedFrom) = ([.. renames, (from, PathOf(name.ToBytes()))], null);
            }
        }
        return recorded.Count == 0 ? null : new DumpedTree(flags, recorded, written, renames);
    }

    /// <summary>A member name as GNU tar writes it in Amanda's dumps (<c>./a/b/</c>) as a path in the disk.</summary>
    public static RawPath PathOf(byte[] memberName)
    {
        var path = RawPath.Root;
        foreach (var part in Split(memberName))
        {
            if (part.Length == 0 || part is [(byte)'.']) continue;
            path = path.Append(RawName.FromBytes(part));
        }
        return path;
    }

    // A dumpdir: entries of one flag byte and a name, each ended by NUL, the list ended by an empty entry.
    private static IEnumerable<(byte Flag, RawName Name)> Entries(byte[] records)
    {
        var at = 0;
        while (at < records.Length)
        {
            var end = Array.IndexOf(records, (byte)0, at);
            if (end < 0) end = records.Length;
            if (end == at) yield break;
            yield return (records[at], RawName.FromBytes(records.AsSpan(at + 1, end - at - 1)));
            at = end + 1;
        }
    }

    private static IEnumerable<byte[]> Split(byte[] name)
    {
        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            if (i < name.Length && name[i] != (byte)'/') continue;
            yield return name[start..i];
            start = i + 1;
        }
    }
}

/// <summary>What a dump's directory records say of one path.</summary>
public enum Presence
{
    Present,
    Gone,

    /// <summary>Its directory has no record in the dump: a restore keeps what older dumps hold there.</summary>
    Unknown,
}
