using System.Text;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;

namespace BackupAcceptance.Amanda.Index;

/// <summary>
/// A dump's whole tree, read from its index files as amindexd reads them (gzip text, one index path per line,
/// directories ending in <c>/</c>) and merged over the dump chain the same way: an entry belongs to every directory
/// on its path, and the newest dump holding it gives its date. What amrecover's <c>ls</c> would show for any
/// directory, without asking it.
/// </summary>
public sealed class IndexTree
{
    private readonly Dictionary<string, Dictionary<(string Name, bool IsDirectory), DumpDate>> _directories = new(StringComparer.Ordinal);

    private IndexTree() { }

    /// <summary>Index paths of every directory, the root (<c>""</c>) included.</summary>
    public IEnumerable<string> Directories => _directories.Keys;

    public int DirectoryCount => _directories.Count - 1;

    public int FileCount { get; private set; }

    /// <summary>What <c>ls</c> shows in the directory at <paramref name="indexPath"/> (<c>""</c> for the root), or null
    /// when the index has no such directory.</summary>
    public IReadOnlyList<ListingEntry>? Listing(string indexPath) =>
        _directories.TryGetValue(indexPath, out var entries)
            ? entries.Select(e => new ListingEntry(e.Value, new RawName(TarEscaping.Unescape(e.Key.Name)), e.Key.Name, e.Key.IsDirectory)).ToList()
            : null;

    /// <summary>Every entry with its path, as a walk would meet them (in no particular order).</summary>
    public IEnumerable<WalkedEntry> Entries()
    {
        var paths = new Dictionary<string, RawPath>(StringComparer.Ordinal) { [""] = RawPath.Root };
        foreach (var directory in _directories.Keys.OrderBy(k => k.Length))
        {
            var path = paths[directory];
            foreach (var entry in Listing(directory)!)
            {
                var child = path.Append(entry.Name);
                if (entry.IsDirectory) paths[directory + "/" + entry.IndexName] = child;
                yield return new WalkedEntry(child, entry);
            }
        }
    }

    /// <summary>Reads the chain's index files, newest first as <see cref="IndexChain.Select"/> gives them.</summary>
    /// <exception cref="AmandaReplyException">A dump of the chain has no readable index file
    /// (<see cref="AmandaErrorKind.IndexMissing"/>), as amindexd would answer 599.</exception>
    public static async Task<IndexTree> ReadAsync(IReadOnlyList<DumpRecord> chain, IReadOnlyList<IndexFile> files, CancellationToken cancellationToken)
    {
        var tree = new IndexTree();
        tree._directories[""] = [];
        foreach (var dump in chain)
        {
            // The sorted file when amindexd already made it, else the one amdump wrote.
            var file = files.Where(f => f.Date.Value == dump.Date.Value && f.Level == dump.Level)
                .OrderBy(f => f.Path.EndsWith("-unsorted.gz", StringComparison.Ordinal) ? 1 : 0).FirstOrDefault()
                ?? throw new AmandaReplyException(AmandaErrorKind.IndexMissing, "read index files",
                    $"no index file for the dump of {dump.Date} (level {dump.Level}) among {files.Count} file(s) in the index directory", "");
            try
            {
                var lines = await tree.AddAsync(file.Path, dump.Date, cancellationToken);
                await RequireSameServedCopyAsync(file.Path, lines, cancellationToken);
            }
            catch (Exception unreadable) when (unreadable is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                throw new AmandaReplyException(AmandaErrorKind.IndexMissing, "read index files",
                    $"the index file {file.Path} cannot be read: {unreadable.Message}", "");
            }
        }
        return tree;
    }

    /// <summary>amindexd serves the uncompressed <c>-unsorted</c> copy it made on the first browse (sorted, despite
    /// its name) whenever it exists: it must hold as many lines as the index file, or amrecover shows another tree
    /// than the one counted (a copy cut short by a full disk, say).</summary>
    private static async Task RequireSameServedCopyAsync(string gzipPath, int lines, CancellationToken cancellationToken)
    {
        if (!gzipPath.EndsWith("-unsorted.gz", StringComparison.Ordinal)) return;
        var served = gzipPath[..^".gz".Length];
        if (!File.Exists(served)) return;
        var servedLines = 0;
        using (var reader = new StreamReader(served, Encoding.Latin1))
            while (await reader.ReadLineAsync(cancellationToken) is not null) servedLines++;
        if (servedLines != lines)
            throw new InvalidDataException(
                $"amindexd serves {served}, which holds {servedLines} lines where the index file holds {lines}: amrecover shows another tree than the index file");
    }

    /// <returns>Lines read.</returns>
    private async Task<int> AddAsync(string file, DumpDate date, CancellationToken cancellationToken)
    {
        await using var stream = new GzipTrailerStream(file);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var lines = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines++;
            if (line.Length < 2 || line[0] != '/') continue; // "/" is the root itself
            var isDirectory = line.EndsWith('/');
            var names = line[1..(isDirectory ? ^1 : ^0)].Split('/');
            var parent = "";
            for (var i = 0; i < names.Length; i++)
            {
                var entryIsDirectory = isDirectory || i < names.Length - 1;
                var entries = _directories.TryGetValue(parent, out var found) ? found : _directories[parent] = [];
                if (entries.TryAdd((names[i], entryIsDirectory), date) && !entryIsDirectory) FileCount++;
                parent = parent + "/" + names[i];
                if (entryIsDirectory && !_directories.ContainsKey(parent)) _directories[parent] = [];
            }
        }
        return lines;
    }
}
