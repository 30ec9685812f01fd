using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>Paths that must be in the backup, and directories that must not be empty. Every offender is listed.</summary>
public static class PathCheck
{
    /// <param name="paths">Disk-relative paths as a person writes them ("ssh/sshd_config"); a trailing / asks for a directory.</param>
    public static async Task RequirePathsAsync(SessionLease lease, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var navigator = await Guard.AmandaAsync(lease, null, "to open the disk",
            () => TreeNavigator.AtRootAsync(lease.Session, lease.Target.Disk, cancellationToken));
        var root = await Guard.AmandaAsync(lease, null, "to list the disk", () => navigator.GoToAsync(RawPath.Root, cancellationToken));
        var missing = new List<string>();
        foreach (var text in paths)
        {
            var path = RawPath.Parse(text);
            if (path.IsRoot) continue;
            var entry = await Guard.AmandaAsync(lease, root.DumpDate, $"to look up {text}", () => navigator.FindAsync(path, cancellationToken));
            var wantsDirectory = text.TrimEnd().EndsWith('/');
            if (entry is null) missing.Add($"{path} (absent)");
            else if (wantsDirectory && !entry.IsDirectory) missing.Add($"{path}/ (a file, not a directory)");
        }
        if (missing.Count > 0)
            throw new ExpectationFailedException(FailureCategory.MissingPath, lease.Target, root.DumpDate,
                $"all {Guard.Plural(paths.Count, "path")} to be in the backup",
                $"{Guard.Plural(missing.Count, "missing path")}: {string.Join(", ", missing)}", lease.Session.Transcript.Tail());
    }

    public static async Task RequireNonEmptyDirectoryAsync(SessionLease lease, string directory, CancellationToken cancellationToken)
    {
        var path = RawPath.Parse(directory);
        var navigator = await Guard.AmandaAsync(lease, null, "to open the disk",
            () => TreeNavigator.AtRootAsync(lease.Session, lease.Target.Disk, cancellationToken));
        var root = await Guard.AmandaAsync(lease, null, "to list the disk", () => navigator.GoToAsync(RawPath.Root, cancellationToken));
        if (!path.IsRoot)
        {
            var entry = await Guard.AmandaAsync(lease, root.DumpDate, $"to look up {path}", () => navigator.FindAsync(path, cancellationToken));
            if (entry is not { IsDirectory: true })
                throw new ExpectationFailedException(FailureCategory.MissingPath, lease.Target, root.DumpDate,
                    $"a directory {path}", entry is null ? "no such entry" : "a file of that name", lease.Session.Transcript.Tail());
        }
        var listing = await Guard.AmandaAsync(lease, root.DumpDate, $"to list {path}", () => navigator.GoToAsync(path, cancellationToken));
        // No listing at all (not even ".") is no evidence of content either: it fails too.
        if (!listing.HasDump || listing.Entries.Count == 0)
            throw new ExpectationFailedException(FailureCategory.HollowBackup, lease.Target, listing.DumpDate ?? root.DumpDate,
                $"the directory {path} not to be empty",
                listing.HasDump ? "it holds nothing in the backup" : "amrecover listed nothing for it", lease.Session.Transcript.Tail());
    }
}
