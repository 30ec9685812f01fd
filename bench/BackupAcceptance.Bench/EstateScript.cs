using System.Diagnostics;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations;

namespace BackupAcceptance.Bench;

/// <summary>
/// (s) What a sysadmin scripts for "every disk has a file": one amrecover session; for each disk <c>setdisk</c>, then
/// absolute <c>cd</c> + <c>ls</c> breadth first until the first file. A disk where no file turns up is hollow; one
/// amrecover refuses (no dump) is bad too.
/// </summary>
public static class EstateScript
{
    public static async Task<(TimeSpan Wall, IReadOnlyList<string> Hollow, long Commands)> RunAsync(IReadOnlyList<BackupTarget> disks,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var session = await AmrecoverSession.StartAsync(AbsoluteCdScript.Options, disks[0].Config, disks[0].Host, cancellationToken);
        var hollow = new List<string>();
        long commands = 0;
        foreach (var disk in disks)
        {
            commands++;
            try
            {
                await session.SetDiskAsync(disk.Disk, cancellationToken);
            }
            catch (AmandaReplyException)
            {
                hollow.Add(disk.Disk); // no dump to browse (or a refusal): bad all the same
                continue;
            }
            var directories = new List<string> { "" };
            var found = false;
            for (var next = 0; next < directories.Count && !found; next++)
            {
                var reply = await session.SendAsync($"cd {AmrecoverArgument.Pattern(disk.Disk + directories[next])}", cancellationToken);
                if (reply.Lines.LastOrDefault() is not { } line || !line.StartsWith('/'))
                    throw new InvalidOperationException($"(s) could not enter {disk.Disk}{directories[next]}: {reply.Text.Trim()}");
                var listing = await session.ListAsync(cancellationToken);
                commands += 2;
                found = listing.Files.Any();
                directories.AddRange(listing.Directories.Select(d => directories[next] + "/" + d.IndexName));
            }
            if (!found) hollow.Add(disk.Disk);
        }
        return (clock.Elapsed, hollow, commands);
    }
}
