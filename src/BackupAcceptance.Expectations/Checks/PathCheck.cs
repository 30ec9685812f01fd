using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>Paths that must be in the backup, and directories that must hold files. Every offender is listed.</summary>
public static class PathCheck
{
    /// <param name="paths">Disk-relative paths as a person writes them ("ssh/sshd_config"); a trailing / asks for a directory.</param>
    /// <returns>How many paths were looked up (all found).</returns>
    public static async Task<int> RequirePathsAsync(SessionLease lease, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        RequireCheckablePaths(lease.Target, paths);
        var navigator = await Guard.AmandaAsync(lease, null, "to open the disk",
            () => lease.NavigatorAsync(cancellationToken));
        var root = await Guard.AmandaAsync(lease, null, "to list the disk", () => navigator.GoToAsync(RawPath.Root, cancellationToken));
        var missing = new List<string>();
        foreach (var text in paths)
        {
            var path = RawPath.Parse(text);
            var entry = await Guard.AmandaAsync(lease, root.DumpDate, $"to look up {text}", () => navigator.FindAsync(path, cancellationToken));
            var wantsDirectory = text.TrimEnd().EndsWith('/');
            if (entry is null) missing.Add($"{path} (absent)");
            else if (wantsDirectory && !entry.IsDirectory) missing.Add($"{path}/ (a file, not a directory)");
        }
        if (missing.Count > 0)
            throw new ExpectationFailedException(FailureCategory.MissingPath, lease.Target, root.DumpDate,
                $"all {Plural.Of(paths.Count, "path")} to be in the backup",
                $"{Plural.Of(missing.Count, "missing path")}: {string.Join(", ", missing)}", lease.Session.Transcript.Tail());
        return paths.Count;
    }

    /// <summary>At least one path, and each one inside the disk: "/" names the disk itself, which says nothing.</summary>
    public static void RequireCheckablePaths(BackupTarget target, IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
            throw new ExpectationFailedException(FailureCategory.NothingChecked, target, null,
                "at least one path to look up", "a table without path rows", "");
        var meaningless = paths.Where(p => RawPath.Parse(p).IsRoot).ToList();
        if (meaningless.Count > 0)
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, target, null,
                "paths inside the disk (relative to its root)",
                $"{string.Join(", ", meaningless.Select(p => $"'{p}'"))}, which {(meaningless.Count == 1 ? "names the disk itself and checks" : "name the disk itself and check")} nothing", "");
    }

    /// <summary>The directory is in the backup and holds at least one file somewhere below it: a subtree of empty
    /// directories restores nothing, like a hollow disk. Stops at the first file.</summary>
    /// <returns>Files and directories seen before the first file.</returns>
    public static async Task<WalkSummary> RequireFilesBelowAsync(SessionLease lease, string directory, CancellationToken cancellationToken)
    {
        var path = RawPath.Parse(directory);
        var walker = new DiskWalker(lease.Session, lease.Target.Disk, path);
        var summary = await Guard.AmandaAsync(lease, null, $"to walk {path}", async () =>
        {
            try
            {
                return await FileTally.UntilAsync(walker, 1, cancellationToken);
            }
            catch (AmandaReplyException missing) when (missing.Kind == AmandaErrorKind.NotFound)
            {
                return null;
            }
        });
        if (summary is null)
            throw new ExpectationFailedException(FailureCategory.MissingPath, lease.Target, walker.RootListing?.DumpDate,
                $"a directory {path}", "no such directory in the backup", lease.Session.Transcript.Tail());
        if (summary.Files == 0)
            throw new ExpectationFailedException(FailureCategory.HollowBackup, lease.Target, summary.DumpDate,
                $"the directory {path} to hold at least one file (directories never count)",
                $"0 files in {Plural.Of(summary.Directories, "directory", "directories")} below it{summary.UnreachableNote()}",
                lease.Session.Transcript.Tail());
        return summary;
    }
}
