using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Tests.Support;

/// <summary>What <c>find</c> says about a live directory: relative paths of files and directories below it.</summary>
internal sealed record FoundTree(IReadOnlySet<string> Files, IReadOnlySet<string> Directories)
{
    public static FoundTree Read(string root)
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
        return new FoundTree(files, directories);
    }

    /// <summary>Files and directories below <paramref name="root"/> counted by <c>find</c> itself: .NET turns names
    /// that are not UTF-8 into U+FFFD, so distinct hostile names collide in <see cref="Read"/>'s sets.</summary>
    public static async Task<(int Files, int Directories)> CountAsync(string root)
    {
        async Task<int> CountAsync(string type) =>
            (await Cli.Wrap("find").WithArguments([root, "-mindepth", "1", "-type", type, "-printf", "."]).ExecuteBufferedAsync()).StandardOutput.Length;
        return (await CountAsync("f"), await CountAsync("d"));
    }
}
