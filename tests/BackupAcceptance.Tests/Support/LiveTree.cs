namespace BackupAcceptance.Tests.Support;

/// <summary>What <c>find</c> says about a live directory: relative paths of files and directories below it.</summary>
internal sealed record LiveTree(IReadOnlySet<string> Files, IReadOnlySet<string> Directories)
{
    public static LiveTree Read(string root)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        var directories = new HashSet<string>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", options))
        {
            var relative = "/" + Path.GetRelativePath(root, entry.FullName);
            if (entry is DirectoryInfo) directories.Add(relative);
            else files.Add(relative);
        }
        return new LiveTree(files, directories);
    }
}
