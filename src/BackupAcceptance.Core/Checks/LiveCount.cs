namespace BackupAcceptance.Core.Checks;

/// <summary>The files of a live directory now, counted as a backup's tree counts them: every entry that is not a
/// directory, links not followed, nothing skipped. An unreadable directory is an error, never a smaller count.</summary>
public static class LiveCount
{
    /// <param name="cancellationToken">Looked at before each directory: a stopped run stops a walk of a huge tree.</param>
    public static int Files(string root, CancellationToken cancellationToken = default)
    {
        // .NET's own recursion enters symbolic links to directories: the walk is done here, entering real ones only.
        var options = new EnumerationOptions { IgnoreInaccessible = false, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        var files = 0;
        while (pending.TryPop(out var directory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var entry in directory.EnumerateFileSystemInfos("*", options))
            {
                if (entry is DirectoryInfo real && real.LinkTarget is null) pending.Push(real);
                else files++;
            }
        }
        return files;
    }
}
