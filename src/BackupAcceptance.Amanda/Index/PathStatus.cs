using System.Globalization;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Amanda.Index;

/// <summary>Who owns a path and its permission bits, as <c>stat</c> gives them (.NET reads the mode but not the owner).
/// Links are followed, as the kernel follows them when amindexd opens the path.</summary>
public sealed record PathStatus(string Path, int Uid, int Gid, string Owner, string Group, UnixFileMode Mode, bool IsDirectory)
{
    /// <summary>As <c>ls -l</c> would say it: <c>root:root 0600</c>.</summary>
    public string Describe() => $"owner {Owner}:{Group} (uid {Uid}, gid {Gid}), mode {Convert.ToString((int)Mode, 8).PadLeft(4, '0')}";

    /// <summary>One <c>stat</c> for all the paths.</summary>
    /// <exception cref="IOException">stat failed for a path (gone, unreachable even for this user), with its words.</exception>
    public static async Task<IReadOnlyList<PathStatus>> ReadAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (paths.Count == 0) return [];
        // NUL after each record: an index path may hold spaces; %f is the raw mode in hex (type and permission bits).
        var result = await Cli.Wrap("stat").WithArguments(["-L", "--printf", @"%u %g %f %U %G %n\0", "--", .. paths])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        if (result.ExitCode != 0) throw new IOException($"stat failed: {result.StandardError.Trim().ReplaceLineEndings(" ")}");
        return result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();
    }

    /// <summary>One record of <c>%u %g %f %U %G %n</c>.</summary>
    public static PathStatus Parse(string record)
    {
        var fields = record.Split(' ', 6);
        if (fields.Length != 6) throw new FormatException($"not a stat record: {record}");
        var raw = int.Parse(fields[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new PathStatus(fields[5], int.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture),
            fields[3], fields[4], (UnixFileMode)(raw & 0xFFF), (raw & 0xF000) == 0x4000);
    }
}
