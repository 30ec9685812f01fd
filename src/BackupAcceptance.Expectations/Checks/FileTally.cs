using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Walks;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>Files and directories a walk saw, counted until enough files were seen: the hollow-backup detector stops
/// at the first file it needs, not at the end of the disk.</summary>
public sealed record FileTally(int Files, int Directories, bool Complete)
{
    public static async Task<FileTally> UntilAsync(DiskWalker walker, int files, CancellationToken cancellationToken,
        WalkProgress.Handle progress = default)
    {
        int seen = 0, directories = 0;
        await foreach (var entry in walker.WalkAsync(cancellationToken))
        {
            progress.Saw(entry.IsDirectory);
            if (entry.IsDirectory) directories++;
            else if (++seen >= files) return new FileTally(seen, directories, false);
        }
        return new FileTally(seen, directories, true);
    }
}
