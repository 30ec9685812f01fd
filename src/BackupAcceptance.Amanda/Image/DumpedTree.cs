using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Image;

/// <summary>
/// The tree as it stood when one GNU tar incremental dump was taken, from the dump's own directory records (its
/// dumpdirs): every directory of the disk and every name each held, whether its data is in this dump (<c>Y</c>), not
/// in it (<c>N</c>: in an older dump, or excluded by the DLE, which tar records all the same) or a subdirectory
/// (<c>D</c>). GNU tar deletes, while extracting, every name its dumpdir lacks. amrecover's index holds only what each
/// dump wrote, so its merged listing still shows names deleted before the dump; these records do not.
/// </summary>
public sealed record DumpedTree(IReadOnlySet<RawPath> Directories, IReadOnlySet<RawPath> Files, IReadOnlySet<RawPath> FilesInThisDump)
{
    /// <summary>From a dump's tar members: each dumpdir's <c>Y</c> and <c>N</c> entries are files, <c>D</c> entries
    /// directories; rename records (<c>R</c>, <c>T</c>) and tar's temporary names (<c>X</c>) name no entry of the tree.</summary>
    /// <returns>Null when the stream holds no dumpdir at all: not a GNU tar incremental dump (a level 0 made without
    /// --listed-incremental, another dump program), so the records cannot say what the tree held.</returns>
    public static async Task<DumpedTree?> FromMembersAsync(IAsyncEnumerable<TarMember> members)
    {
        var directories = new HashSet<RawPath> { RawPath.Root };
        var files = new HashSet<RawPath>();
        var dumped = new HashSet<RawPath>();
        var any = false;
        await foreach (var member in members)
        {
            if (member.DumpDirectory is not { } records) continue;
            any = true;
            var directory = PathOf(member.Name);
            directories.Add(directory);
            foreach (var (flag, name) in Entries(records))
            {
                var path = directory.Append(name);
                switch (flag)
                {
                    case (byte)'Y':
                        files.Add(path);
                        dumped.Add(path);
                        break;
                    case (byte)'N':
                        files.Add(path);
                        break;
                    case (byte)'D':
                        directories.Add(path);
                        break;
                }
            }
        }
        return any ? new DumpedTree(directories, files, dumped) : null;
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
