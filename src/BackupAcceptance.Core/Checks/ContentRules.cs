using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>What a backup holds, from its whole tree: at least N files, files below a directory, named paths. The
/// hollow-backup detector is the first: directories never count.</summary>
public static class ContentRules
{
    /// <summary>The hollow-backup detector, for every system: counted as far as the minimum where the system can stop
    /// there, else whole.</summary>
    public static async Task<BackupCount> RequireFilesAsync(BackupInView view, int minimum, CancellationToken cancellationToken)
    {
        StepBounds.Require(view, minimum, 1, StepBounds.MaximumFiles, "a number of files");
        var count = await view.CountAtLeastAsync(minimum, cancellationToken);
        if (count.Files >= minimum) return count;
        throw view.Failure(count.Files == 0 ? FailureCategory.HollowBackup : FailureCategory.TooFewFiles,
            $"at least {Plural.Of(minimum, "file")} (directories never count)",
            $"{Plural.Of(count.Files, "file")} in {Plural.Of(count.Directories, "directory", "directories")} below the root{count.Note}",
            filesCounted: count.Complete ? count.Files : null);
    }

    public static async Task<int> RequireFilesBelowAsync(BackupInView view, string directory, CancellationToken cancellationToken)
    {
        var path = RelativePath.Of(view, directory);
        var tree = await view.TreeAsync(cancellationToken);
        if (path.Length > 0 && tree.Find(path) is not { IsDirectory: true })
            throw view.Failure(FailureCategory.MissingPath, $"a directory /{path}", "no such directory in the backup");
        var below = tree.Below(path).ToList();
        var files = below.Count(e => !e.IsDirectory);
        if (files > 0) return files;
        throw view.Failure(FailureCategory.HollowBackup, $"the directory /{path} to hold at least one file (directories never count)",
            $"0 files in {Plural.Of(below.Count, "directory", "directories")} below it");
    }

    /// <param name="paths">Relative to the subject; a trailing / asks for a directory.</param>
    public static async Task<int> RequirePathsAsync(BackupInView view, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var tree = await view.TreeAsync(cancellationToken);
        var missing = new List<string>();
        foreach (var asked in paths)
        {
            var wantsDirectory = asked.EndsWith('/');
            var entry = tree.Find(RelativePath.Of(view, asked));
            if (entry is null) missing.Add($"/{RelativePath.Of(view, asked)}{(wantsDirectory ? "/" : "")} (absent)");
            else if (wantsDirectory && !entry.IsDirectory) missing.Add($"/{entry.Path}/ (a file, not a directory)");
        }
        if (missing.Count == 0) return paths.Count;
        throw view.Failure(FailureCategory.MissingPath, $"all {paths.Count} paths in the backup",
            $"{Plural.Of(missing.Count, "missing path")}: {string.Join(", ", missing)}");
    }
}
