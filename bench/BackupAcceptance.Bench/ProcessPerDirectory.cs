using System.Diagnostics;
using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Bench;

/// <summary>
/// (a) The first script of the product brief: one amrecover process per directory. Only the first
/// <c>sample</c> directories are walked (each start costs about a second inside Amanda); the time is extrapolated
/// to the whole disk and labelled so.
/// </summary>
public static class ProcessPerDirectory
{
    public static async Task<BenchResult> RunAsync(BenchDisk disk, IReadOnlyList<string> directories, int sample, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var walked = directories.Take(sample).ToList();
        long commands = 0;
        foreach (var directory in walked)
        {
            await using var session = await AmrecoverSession.StartAsync(AbsoluteCdScript.Options, disk.Config, disk.Host, cancellationToken);
            await session.SetDiskAsync(disk.Disk, cancellationToken);
            if (directory != "/") await session.SendAsync($"cd {AmrecoverArgument.Pattern(disk.Disk.TrimEnd('/') + directory)}", cancellationToken);
            await session.ListAsync(cancellationToken);
            commands += session.Transcript.Count;
        }
        var scale = (double)directories.Count / walked.Count;
        return new BenchResult($"(a) one amrecover per directory: {walked.Count} of {directories.Count} directories, time extrapolated",
            clock.Elapsed * scale, true, directories.Count, (long)(commands * scale), null, null);
    }
}
