using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Expectations.Counts;

/// <summary>
/// A dump never changes, so neither does its walk: one file per config, host, disk and dump holds the counts, every
/// path, and the dump's root listing as amrecover showed it. A file is trusted only whole (its SHA-256 line matches)
/// and for its own key; anything else is ignored with the reason, and the disk is walked again.
/// </summary>
public sealed class WalkCache(string directory)
{
    private const string Header = "backup-acceptance walk cache 2";

    public string Directory => directory;

    /// <summary>The user's cache: <c>$XDG_CACHE_HOME/backup-acceptance</c> (default <c>~/.cache/backup-acceptance</c>).
    /// Whether a run keeps one at all is its setting BACKUP_ACCEPTANCE_CACHE (Settings.SettingsOptions).</summary>
    public static WalkCache ForUser(Func<string, string?> env)
    {
        var root = env("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(env("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return new WalkCache(Path.Combine(root, "backup-acceptance"));
    }

    public string PathFor(BackupTarget target, DumpDate dump) =>
        Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key(target, dump))))[..32] + ".walk");

    private static string Key(BackupTarget target, DumpDate dump) =>
        $"{target.Config}\n{target.Host}\n{target.Disk}\n{dump.Value.ToString("yyyy-MM-dd-HH-mm-ss", CultureInfo.InvariantCulture)}";

    /// <summary>What <c>ls</c> of the root showed, one line per entry, sorted: what a hit must still show.</summary>
    public static IReadOnlyList<string> RootKeys(DirectoryListing root) =>
        root.Entries.Select(e => $"{e.DumpDate} {e.IndexName}{(e.IsDirectory ? "/" : "")}").Order(StringComparer.Ordinal).ToList();

    /// <returns>The cached walk, or null with why (empty when there is simply no file yet).</returns>
    public async Task<(CachedWalk? Walk, string Ignored)> TryReadAsync(BackupTarget target, DumpDate dump, CancellationToken cancellationToken)
    {
        var path = PathFor(target, dump);
        if (!File.Exists(path)) return (null, "");
        // A count anyone else could have written is no count: the cache is as private as the user's home.
        const UnixFileMode othersWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        if ((File.GetUnixFileMode(path) & othersWrite) != 0 || (File.GetUnixFileMode(directory) & othersWrite) != 0)
            return (null, $"cache file {path} ignored (it or its directory is writable by others)");
        try
        {
            var lines = await File.ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken);
            return (Parse(lines, Key(target, dump)), "");
        }
        catch (Exception unusable) when (unusable is InvalidDataException or FormatException or IOException or UnauthorizedAccessException
                                         or IndexOutOfRangeException or ArgumentException)
        {
            return (null, $"cache file {path} ignored ({unusable.Message})");
        }
    }

    private static CachedWalk Parse(string[] lines, string key)
    {
        if (lines.Length < 6 || lines[0] != Header) throw new InvalidDataException("not a walk cache file of this version");
        var body = string.Concat(lines[..^1].Select(l => l + "\n"));
        if (lines[^1] != "sha256 " + Sha(body)) throw new InvalidDataException("its checksum does not match: damaged or cut short");
        if (Value(lines[1], "key") != Base64(key)) throw new InvalidDataException("it belongs to another disk or dump");
        var via = Decode(Value(lines[2], "via"));
        var written = DateTimeOffset.Parse(Value(lines[3], "written"), CultureInfo.InvariantCulture);
        var summary = Value(lines[4], "summary").Split(' ').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        var sources = Decode(Value(lines[5], "sources"));
        var rootCount = int.Parse(Value(lines[6], "root"), CultureInfo.InvariantCulture);
        var root = lines[7..(7 + rootCount)].Select(Decode).ToList();
        var at = 7 + rootCount;
        var entryCount = int.Parse(Value(lines[at], "entries"), CultureInfo.InvariantCulture);
        var paths = new List<RawPath>(entryCount + 1) { RawPath.Root };
        var files = new List<RawPath>();
        foreach (var line in lines[(at + 1)..(at + 1 + entryCount)])
        {
            var fields = line.Split(' ');
            var path = paths[int.Parse(fields[1], CultureInfo.InvariantCulture)].Append(new RawName(Encoding.Latin1.GetString(Convert.FromBase64String(fields[2]))));
            paths.Add(path);
            if (fields[0] == "f") files.Add(path);
        }
        if (at + 1 + entryCount != lines.Length - 1 || paths.Count - 1 - files.Count != summary[0] || files.Count != summary[1])
            throw new InvalidDataException("its entries do not add up to its counts");
        return new CachedWalk(root, sources, summary[0], files.Count, summary[2], paths.Skip(1).ToHashSet(), files, via, written);
    }

    /// <summary>Writes the walk (atomically: a reader sees the old file or the whole new one).</summary>
    /// <param name="sources">What the count rests on besides the root (<see cref="CachedWalk.Sources"/>).</param>
    public async Task WriteAsync(BackupTarget target, DumpDate dump, IReadOnlyList<string> rootKeys, string sources, DiskInventory inventory,
        CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var text = new StringBuilder()
            .Append(Header).Append('\n')
            .Append("key ").Append(Base64(Key(target, dump))).Append('\n')
            .Append("via ").Append(Base64(inventory.Note.Via)).Append('\n')
            .Append("written ").Append(DateTimeOffset.Now.ToString("O", CultureInfo.InvariantCulture)).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"summary {inventory.Summary.Directories} {inventory.Summary.Files} {inventory.Summary.Unreachable}\n")
            .Append("sources ").Append(Base64(sources)).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"root {rootKeys.Count}\n");
        foreach (var entry in rootKeys) text.Append(Base64(entry)).Append('\n');
        // Parents before children: an entry names its parent by its number (0 is the root).
        var files = inventory.Files.ToHashSet();
        var numbers = new Dictionary<RawPath, int> { [RawPath.Root] = 0 };
        var ordered = inventory.Paths.OrderBy(p => p.Components.Count).ToList();
        text.Append(CultureInfo.InvariantCulture, $"entries {ordered.Count}\n");
        foreach (var path in ordered)
        {
            numbers[path] = numbers.Count;
            text.Append(files.Contains(path) ? "f " : "d ").Append(numbers[path.Parent].ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(Convert.ToBase64String(path.Name.ToBytes())).Append('\n');
        }
        var body = text.ToString();
        var file = PathFor(target, dump);
        var temporary = $"{file}.{Environment.ProcessId}.tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, body + "sha256 " + Sha(body) + "\n", new UTF8Encoding(false), cancellationToken);
            File.Move(temporary, file, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // gone already when the move succeeded; a half-written one on a full disk
        }
    }

    private static string Value(string line, string name) =>
        line.StartsWith(name + " ", StringComparison.Ordinal) ? line[(name.Length + 1)..] : throw new InvalidDataException($"no '{name}' line where expected");

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>A walk read back from the cache.</summary>
/// <param name="Sources">The dump chain amrecover merges (dates and levels) and, on the server, the size and time of
/// each index file: a level 0 that expired or an index rewritten since changes them, and the dump is counted again.</param>
public sealed record CachedWalk(IReadOnlyList<string> RootKeys, string Sources, int Directories, int Files, int Unreachable, IReadOnlySet<RawPath> Paths,
    IReadOnlyList<RawPath> FileList, string Via, DateTimeOffset Written);
