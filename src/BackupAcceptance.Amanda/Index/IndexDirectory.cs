using System.Globalization;
using System.Text.RegularExpressions;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Amanda.Index;

/// <summary>
/// Finds a disk's index files where amindexd reads them, when this machine is the Amanda server: the config's
/// <c>indexdir</c> (from <c>amgetconf</c>), then host and disk with <c>_</c> doubled and <c>/</c> turned into <c>_</c>
/// (Amanda's sanitise_filename; older servers only turned <c>/</c> into <c>_</c>).
/// </summary>
public static partial class IndexDirectory
{
    /// <summary><c>YYYYMMDDhhmmss_L.gz</c>, or <c>YYYYMMDD_L.gz</c> where the config has <c>usetimestamps no</c> (or
    /// for a dump from before it), each also <c>-unsorted</c>.</summary>
    [GeneratedRegex(@"^(\d{8}|\d{14})_(\d+)(-unsorted)?\.gz$")]
    private static partial Regex IndexFileName();

    /// <summary>The disk's index files, newest first, or null when this machine cannot read them (not the server,
    /// no amgetconf, unknown config, no such directory), with the reason.</summary>
    /// <param name="roots">Index directories already asked for in this run, if any.</param>
    public static async Task<(IReadOnlyList<IndexFile>? Files, string Reason)> FindAsync(string config, string host, string disk,
        CancellationToken cancellationToken, IndexRoots? roots = null)
    {
        var root = roots is null ? await RootAsync(config, cancellationToken) : await roots.ForAsync(config, cancellationToken);
        if (root.Directory is not { } indexRoot) return (null, root.Reason);
        try
        {
            return Find(indexRoot, host, disk);
        }
        catch (UnauthorizedAccessException denied)
        {
            // A runner that is not root (BACKUP_ACCEPTANCE_COMMAND_PREFIX='sudo -n') may not read the dump user's files.
            return (null, $"the index directory {indexRoot} is not readable by this user ({denied.Message})");
        }
    }

    internal static (IReadOnlyList<IndexFile>? Files, string Reason) Find(string indexRoot, string host, string disk)
    {
        // Host names are matched without regard to case, as Amanda matches them ("LOCALHOST" is localhost).
        var hostDirectory = Directory.EnumerateDirectories(indexRoot)
            .Where(d => string.Equals(Path.GetFileName(d), Sanitise(host), StringComparison.OrdinalIgnoreCase)
                        || string.Equals(Path.GetFileName(d), host.Replace('/', '_'), StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => Path.GetFileName(d) == Sanitise(host) ? 0 : 1)
            .FirstOrDefault();
        var candidates = new[] { Sanitise(disk), disk.Replace('/', '_') }.Select(name => Path.Combine(hostDirectory ?? Path.Combine(indexRoot, Sanitise(host)), name)).ToList();
        var directory = candidates.FirstOrDefault(Directory.Exists);
        if (directory is null) return (null, $"no index directory {candidates[0]}: no dump of this disk was indexed yet");
        var files = new List<IndexFile>();
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            var match = IndexFileName().Match(Path.GetFileName(path));
            if (!match.Success) continue;
            var stamp = match.Groups[1].Value;
            var date = DateTime.ParseExact(stamp, stamp.Length == 8 ? "yyyyMMdd" : "yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            files.Add(new IndexFile(path, new DumpDate(date), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)));
        }
        return (files.OrderByDescending(f => f.Date).ToList(), directory);
    }

    /// <summary>gzip's own integrity test (CRC and length in the trailer): null when the stream is whole, else
    /// gzip's words. Run before amindexd browses the dump: its first browse of a cut-short file re-compresses the
    /// part it could read, after which the damage no longer shows (observed with Amanda 3.5.1).</summary>
    /// <exception cref="AmrecoverException">gzip was killed before it could say anything: nothing was checked.</exception>
    public static async Task<string?> GzipProblemAsync(IndexFile file, CancellationToken cancellationToken)
    {
        var result = await Cli.Wrap("gzip").WithArguments(["-t", "--", file.Path])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        var said = result.StandardError.Trim();
        // Killed by a signal (a Ctrl-C reaching the whole process group), gzip said nothing of the file: not damage.
        if (result.ExitCode >= 128 && said.Length == 0)
            throw new AmrecoverException($"gzip -t {file.Path} was killed by signal {result.ExitCode - 128}: the index was not checked.", "");
        return result.ExitCode == 0 ? null : (said.Length > 0 ? said : $"gzip -t exited with {result.ExitCode}");
    }

    /// <summary>Whether every one of <paramref name="files"/> passes one <c>gzip -t</c> (a batch of an estate): true,
    /// false when any is damaged (<see cref="GzipProblemAsync"/> then names which, file by file), null when gzip was
    /// stopped by a signal (nothing was learnt).</summary>
    public static async Task<bool?> AllGzipCleanAsync(IReadOnlyCollection<string> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0) return true; // gzip -t with no file would read its stdin
        var result = await Cli.Wrap("gzip").WithArguments(["-t", "--", .. files])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        return result.ExitCode switch { 0 => true, >= 128 => null, _ => false };
    }

    public static string Sanitise(string name) => name.Replace("_", "__", StringComparison.Ordinal).Replace('/', '_');

    /// <summary>The config's <c>indexdir</c> from <c>amgetconf</c>, or null with the reason.</summary>
    public static async Task<(string? Directory, string Reason)> RootAsync(string config, CancellationToken cancellationToken,
        AmandaParameters? parameters = null)
    {
        var (directory, why) = parameters is null
            ? await AmandaParameter.GetAsync(config, "indexdir", cancellationToken)
            : await parameters.GetAsync(config, "indexdir", cancellationToken);
        if (directory is null) return (null, why);
        return Directory.Exists(directory) ? (directory, "") : (null, $"the index directory {directory} is not on this machine");
    }
}
