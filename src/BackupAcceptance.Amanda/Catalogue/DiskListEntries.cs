using System.Text;
using System.Text.RegularExpressions;
using BackupAcceptance.Amanda.Listing;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>
/// The server's resolved disk list (<c>amadmin CONFIG disklist</c>): each DLE with its dumptype merged in, so the
/// device, program and exclude/include rules the client was sent. Read-only; amadmin refuses root, so root asks as
/// the config's dump user. Amanda 3.5.1 prints names raw (<c>disk /srv/with space:</c>, <c>device /srv/x</c>) and
/// rule patterns in its quoting (<c>EXCLUDE FILE "./a\"b" "./t\tab"</c>).
/// </summary>
public static partial class DiskListEntries
{
    [GeneratedRegex(@"^line \d+ \(.*\):$")]
    private static partial Regex EntryStart();

    // "        EXCLUDE             FILE OPTIONAL "./cache"", "        APPLICATION         " (empty value).
    [GeneratedRegex(@"^        ([A-Z][A-Z0-9-]*)(?: +(.*))?$")]
    private static partial Regex Setting();

    /// <summary>Every entry of the output, in its order; lines of another shape are ignored.</summary>
    public static IReadOnlyList<DiskListEntry> Parse(string amadminDisklistOutput)
    {
        var entries = new List<DiskListEntry>();
        Builder? current = null;
        foreach (var rawLine in amadminDisklistOutput.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (EntryStart().IsMatch(line))
            {
                if (current?.Build() is { } done) entries.Add(done);
                current = new Builder { DefinedAt = line[..^1] };
                continue;
            }
            if (current is null) continue;
            // Names are printed raw up to the colon that ends the line (a disk name may hold spaces, quotes, colons).
            if (line.StartsWith("    host ", StringComparison.Ordinal) && line.EndsWith(':'))
                current.Host = line["    host ".Length..^1];
            else if (line.StartsWith("    disk ", StringComparison.Ordinal) && line.EndsWith(':'))
                current.Disk = line["    disk ".Length..^1];
            else if (line.StartsWith("        device ", StringComparison.Ordinal))
                current.Device = line["        device ".Length..];
            else if (Setting().Match(line) is { Success: true } setting)
                current.Add(setting.Groups[1].Value, setting.Groups[2].Value.TrimEnd());
        }
        if (current?.Build() is { } last) entries.Add(last);
        return entries;
    }

    /// <summary>The entry of exactly <paramref name="host"/> and <paramref name="disk"/>, or null with the reason
    /// (amadmin not on this machine: a client of a remote server; no dump user; no such DLE).</summary>
    public static async Task<(DiskListEntry? Entry, string Reason)> ReadAsync(string config, string host, string disk,
        CancellationToken cancellationToken)
    {
        // amadmin reads a word starting with '-' as an option (-o overrides the configuration).
        if (host.StartsWith('-') || disk.StartsWith('-'))
            return (null, $"amadmin would read '{(host.StartsWith('-') ? host : disk)}' as an option");
        try
        {
            // Amanda matches host and disk as patterns (/srv is every disk below it): --exact-match, only this disk.
            var (words, refusal) = await DumpUser.CommandAsync(config, ["amadmin", config, "disklist", "--exact-match", host, disk], cancellationToken);
            if (words is null) return (null, refusal);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(1));
            // Latin-1: one char per byte, so a name or pattern that is not UTF-8 keeps its bytes.
            var result = await Cli.Wrap(words[0]).WithArguments(words[1..])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(Encoding.Latin1, timeout.Token);
            var said = (result.StandardError + result.StandardOutput).Trim().ReplaceLineEndings(" ");
            if (result.ExitCode != 0) return (null, $"{string.Join(' ', words)} failed: {said}");
            var wanted = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(disk));
            var entry = Parse(result.StandardOutput).FirstOrDefault(e =>
                string.Equals(e.Host, host, StringComparison.OrdinalIgnoreCase) && e.Disk == wanted);
            return entry is not null
                ? (entry, "")
                : (null, $"amadmin {config} disklist has no entry {host} {disk}: {(said.Length > 0 ? said : "no output")}");
        }
        catch (Exception notFound) when (notFound is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, "amadmin is not installed here (not the Amanda server)");
        }
    }

    /// <summary>"LIST OPTIONAL "a" "b"" as words, each quoted one unquoted the Amanda way.</summary>
    internal static IReadOnlyList<string> Words(string value)
    {
        var words = new List<string>();
        var i = 0;
        while (i < value.Length)
        {
            if (value[i] == ' ') { i++; continue; }
            var start = i;
            var quoted = false;
            for (; i < value.Length && (quoted || value[i] != ' '); i++)
            {
                if (value[i] == '\\') i++; // the escaped character never ends a word or a quote
                else if (value[i] == '"') quoted = !quoted;
            }
            words.Add(AmandaQuoting.Unquote(value[start..Math.Min(i, value.Length)]));
        }
        return words;
    }

    private sealed class Builder
    {
        private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);
        private DiskListRules _exclude = DiskListRules.None, _include = DiskListRules.None;

        public string DefinedAt { get; init; } = "";
        public string? Host { get; set; }
        public string? Disk { get; set; }
        public string? Device { get; set; }

        public void Add(string name, string value)
        {
            switch (name)
            {
                case "EXCLUDE": _exclude = WithRule(_exclude, value); break;
                case "INCLUDE": _include = WithRule(_include, value); break;
                default: _settings[name] = value; break;
            }
        }

        // One line per kind: "LIST [OPTIONAL] "l1" ..." then "FILE [OPTIONAL] "p1" ...", one optional flag for both.
        private static DiskListRules WithRule(DiskListRules rules, string value)
        {
            var words = Words(value);
            if (words.Count == 0) return rules;
            var optional = words.Count > 1 && words[1] == "OPTIONAL";
            var patterns = words.Skip(optional ? 2 : 1).ToList();
            return words[0] switch
            {
                "LIST" => rules with { Lists = patterns, Optional = rules.Optional || optional },
                "FILE" => rules with { Files = patterns, Optional = rules.Optional || optional },
                _ => rules,
            };
        }

        public DiskListEntry? Build()
        {
            if (Host is null || Disk is null) return null;
            var program = _settings.TryGetValue("PROGRAM", out var p) ? Words(p).FirstOrDefault() ?? "" : "";
            var application = _settings.TryGetValue("APPLICATION", out var a) && Words(a).FirstOrDefault() is { Length: > 0 } name ? name : null;
            return new DiskListEntry(Host, Disk, Device ?? Disk, program, application, _exclude, _include, DefinedAt, _settings);
        }
    }
}
