using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>A walk counted until enough files were seen: the hollow-backup detector stops at the first file it needs,
/// not at the end of the disk. Said in the one count record, <see cref="WalkSummary"/>.</summary>
public static class FileTally
{
    public static async Task<WalkSummary> UntilAsync(DiskWalker walker, int files, CancellationToken cancellationToken,
        WalkProgress.Handle progress = default)
    {
        int seen = 0, directories = 0;
        await foreach (var entry in walker.WalkAsync(cancellationToken))
        {
            progress.Saw(entry.IsDirectory);
            if (entry.IsDirectory) directories++;
            else if (++seen >= files) return Summary(walker, seen, directories, complete: false);
        }
        return Summary(walker, seen, directories, complete: true);
    }

    private static WalkSummary Summary(DiskWalker walker, int files, int directories, bool complete) =>
        new(directories, files, walker.RootListing?.DumpDate, complete, walker.Unreachable.Count);
}
