using System.Globalization;
using System.Text;
using BackupAcceptance.Amanda.Text;
using CliWrap;

namespace BackupAcceptance.Expectations.Live;

/// <summary>
/// Every entry below a device on its own file system, with its kind, mtime and ctime: one <c>find DEVICE/. -xdev
/// -mindepth 1 -printf '%T@ %C@ %y %P\0'</c>. NUL-separated, so a name is its exact bytes whatever it holds; "/."
/// so that a device that is a symbolic link is entered, as tar's <c>--directory</c> enters it.
/// </summary>
/// <param name="Entries">By relative path as Latin-1 text ("a/b").</param>
/// <param name="Problems">find's complaints (a directory it could not read, a name that vanished) and a failing exit.</param>
internal sealed record LiveScan(IReadOnlyDictionary<string, LiveEntry> Entries, IReadOnlyList<string> Problems)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<LiveScan> ReadAsync(string device, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var output = new MemoryStream();
        var errors = new StringBuilder();
        // The device is absolute (LiveTree refuses others), so find never reads it as an option or expression.
        var result = await Cli.Wrap("find").WithArguments([device + "/.", "-xdev", "-mindepth", "1", "-printf", "%T@ %C@ %y %P\\0"])
            .WithEnvironmentVariables(environment => environment.Set("LC_ALL", "C"))
            .WithStandardOutputPipe(PipeTarget.ToStream(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors, Encoding.Latin1))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(timeout.Token);
        var problems = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (result.ExitCode != 0) problems.Add($"find {device}/. exited with {result.ExitCode}");
        var entries = new Dictionary<string, LiveEntry>(StringComparer.Ordinal);
        foreach (var record in Encoding.Latin1.GetString(output.ToArray()).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = Parse(record);
            if (entry is null) problems.Add($"find printed an unreadable record: {record}");
            else entries[entry.Value.Key] = entry.Value.Entry;
        }
        return new LiveScan(entries, problems);
    }

    /// <summary>"1765031091.5 1765031091.5 f a/b c" (the name may hold spaces) as its key and entry.</summary>
    internal static (string Key, LiveEntry Entry)? Parse(string record)
    {
        var parts = record.Split(' ', 4);
        if (parts.Length < 4 || parts[2].Length != 1 || parts[3].Length == 0) return null;
        if (Time(parts[0]) is not { } modified || Time(parts[1]) is not { } changed) return null;
        var path = parts[3].Split('/').Aggregate(RawPath.Root, (p, name) => p.Append(new RawName(name)));
        return (parts[3], new LiveEntry(path, Kind(parts[2][0]), modified, changed));
    }

    private static DateTime? Time(string seconds) =>
        decimal.TryParse(seconds, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? DateTime.UnixEpoch.AddTicks((long)(value * TimeSpan.TicksPerSecond))
            : null;

    private static LiveEntryKind Kind(char type) => type switch
    {
        'f' => LiveEntryKind.RegularFile,
        'd' => LiveEntryKind.Directory,
        'l' => LiveEntryKind.SymbolicLink,
        'p' => LiveEntryKind.Fifo,
        's' => LiveEntryKind.Socket,
        'c' => LiveEntryKind.CharacterDevice,
        'b' => LiveEntryKind.BlockDevice,
        _ => LiveEntryKind.Other,
    };
}
