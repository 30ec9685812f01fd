using System.Text;

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

    /// <summary>Names amrecover shows differently by design (settranslate on turns a TAB into 't', see amanda-facts §6.4).</summary>
    public static bool ShownAsIs(string path) => !path.Contains('\t') && !path.Contains("\\\\", StringComparison.Ordinal);

    public static string Describe(IEnumerable<string> paths) =>
        new StringBuilder().AppendJoin("\n", paths.Order(StringComparer.Ordinal).Take(20)).ToString();
}
