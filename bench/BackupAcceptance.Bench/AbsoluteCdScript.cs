using System.Diagnostics;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Bench;

/// <summary>
/// (b) What a sysadmin scripts: one amrecover session, every directory reached by an absolute <c>cd</c> and listed
/// with <c>ls</c>, breadth first. Also gives the list of directories (a) walks a part of.
/// </summary>
public static class AbsoluteCdScript
{
    /// <summary>As the script would start amrecover: <c>PAGER=cat</c>, as the manuals suggest.</summary>
    public static readonly AmrecoverOptions Options = new() { Pager = "cat" };

    public static async Task<(BenchResult Result, IReadOnlyList<string> Directories)> RunAsync(BenchDisk disk, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var session = await AmrecoverSession.StartAsync(AbsoluteCdScript.Options, disk.Config, disk.Host, cancellationToken);
        await session.SetDiskAsync(disk.Disk, cancellationToken);
        var directories = new List<string> { "/" };
        int files = 0;
        for (var next = 0; next < directories.Count; next++)
        {
            var directory = directories[next];
            if (next > 0)
            {
                var reply = await session.SendAsync($"cd {AmrecoverArgument.Pattern(disk.Disk.TrimEnd('/') + directory)}", cancellationToken);
                if (reply.Lines.LastOrDefault() is not { } line || !line.StartsWith('/'))
                    throw new InvalidOperationException($"(b) could not enter {directory}: {reply.Text.Trim()}");
            }
            var listing = await session.ListAsync(cancellationToken);
            files += listing.Files.Count();
            directories.AddRange(listing.Directories.Select(d => directory.TrimEnd('/') + "/" + d.IndexName));
        }
        return (new BenchResult("(b) one session, absolute cd + ls per directory (a short script)", clock.Elapsed, false, 1,
            session.Transcript.Count, files, directories.Count - 1), directories);
    }
}
