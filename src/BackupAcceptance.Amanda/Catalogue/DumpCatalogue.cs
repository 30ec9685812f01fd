using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>
/// Every dump of every disk of a configuration, as the server's catalogue holds them (<c>amadmin CONFIG find</c>, run
/// as the dump user): the list amindexd's <c>history</c> draws from, read in one process for a whole estate instead
/// of one <c>history</c> a disk. As amindexd keeps only dumps whose every status is OK, a dump none of whose parts is
/// OK (a failed or partial dump) is left out; one with some parts OK and some not makes its disk
/// <see cref="Unclear"/>, for amrecover to judge.
/// </summary>
public sealed class DumpCatalogue
{
    private readonly Dictionary<(string Host, string Disk), List<FoundPart>> _parts;

    private DumpCatalogue(Dictionary<(string Host, string Disk), List<FoundPart>> parts, int lines)
    {
        _parts = parts;
        Lines = lines;
    }

    /// <summary>Lines of the catalogue read (one per part).</summary>
    public int Lines { get; }

    /// <summary>The disk's dumps, newest first (one record per dump, its parts' files together), as <c>history</c>
    /// would list them: those whose every part is OK; empty when the catalogue has none.</summary>
    public IReadOnlyList<DumpRecord> DumpsOf(string host, string disk) =>
        !_parts.TryGetValue(Key(host, disk), out var parts) ? [] : parts
            .GroupBy(p => (p.Date, p.Level))
            .Where(dump => dump.All(p => p.IsOk))
            .Select(dump => Record(dump.Key.Date, dump.Key.Level, dump.ToList()))
            .OrderByDescending(d => d.Date.Value)
            .ToList();

    /// <summary>Why the catalogue alone cannot say what amrecover shows of the disk (a dump with some parts OK and
    /// some not: amindexd may list it or not), or null.</summary>
    public string? Unclear(string host, string disk) =>
        _parts.TryGetValue(Key(host, disk), out var parts)
        && parts.GroupBy(p => (p.Date, p.Level)).FirstOrDefault(d => d.Any(p => p.IsOk) && d.Any(p => !p.IsOk)) is { } mixed
            ? $"the catalogue holds the dump of {mixed.Key.Date} (level {mixed.Key.Level}) with parts OK and a part '{mixed.First(p => !p.IsOk).Status}'"
            : null;

    /// <summary>Reads the catalogue of <paramref name="config"/>, or null with the reason (not the Amanda server, no
    /// dump user, amadmin refused, a line this reader does not know: then none of it is trusted).</summary>
    /// <summary>amadmin find's bound: 1.4 s on the 2,000-disk scratch configuration; past it the estate is left to amrecover.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<(DumpCatalogue? Catalogue, string Reason)> ReadAsync(string config, CancellationToken cancellationToken,
        AmandaParameters? parameters = null)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        try
        {
            var (words, refusal) = await DumpUser.CommandAsync(config, ["amadmin", config, "find"], cancellationToken, parameters);
            if (words is null) return (null, refusal);
            // Latin-1: one char per byte, as amrecover's replies are read, so quoted odd bytes survive to the unquoting.
            var result = await Cli.Wrap(words[0]).WithArguments(words[1..])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(Encoding.Latin1, bounded.Token);
            if (result.ExitCode != 0)
                return (null, $"amadmin {config} find exited with {result.ExitCode}: {(result.StandardError + result.StandardOutput).Trim().ReplaceLineEndings(" ")}");
            return Parse(result.StandardOutput);
        }
        catch (Exception notFound) when (notFound is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, "amadmin is not installed here (not the Amanda server)");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"amadmin {config} find did not finish within {Timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>The catalogue from <c>amadmin find</c>'s output; null when any line is neither blank, the header, "No
    /// dump to list" nor a part.</summary>
    public static (DumpCatalogue? Catalogue, string Reason) Parse(string output)
    {
        var parts = new Dictionary<(string, string), List<FoundPart>>();
        var lines = 0;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.StartsWith("date ", StringComparison.Ordinal)
                || line.StartsWith("No dump to list", StringComparison.Ordinal)) continue;
            if (!FindLine.TryParse(line, out var part))
                return (null, $"amadmin find printed a line this reader does not know: {Transcript(line)}");
            var key = Key(part.Host, part.Disk);
            if (!parts.TryGetValue(key, out var list)) parts[key] = list = [];
            list.Add(part);
            lines++;
        }
        return (new DumpCatalogue(parts, lines), "");
    }

    /// <summary>Hosts as Amanda matches them, without regard to case.</summary>
    private static (string, string) Key(string host, string disk) => (host.ToLowerInvariant(), disk);

    private static DumpRecord Record(Listing.DumpDate date, int level, List<FoundPart> parts)
    {
        var first = parts[0];
        var files = parts.OrderBy(p => PartNumber(p.Part)).Select(p => p.FileNumber).ToList();
        var volume = new DumpVolume(first.Storage, first.Label, files);
        return new DumpRecord(date, level, [volume], $"{first.Storage}:{first.Label}:{string.Join(',', files)}");
    }

    /// <summary>The part's number in <c>2/4</c> (a holding file's <c>-1/-1</c> is -1).</summary>
    private static int PartNumber(string part) =>
        int.TryParse(part.Split('/')[0], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static string Transcript(string line) => line.Length > 200 ? line[..200] + "…" : line;
}
