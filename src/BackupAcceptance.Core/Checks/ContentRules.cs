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

    /// <summary>The directory is in the backup and holds at least one file somewhere below it: a subtree of empty
    /// directories restores nothing, like a hollow backup. Counted as far as the first file where the system can stop.</summary>
    public static async Task<BackupCount> RequireFilesBelowAsync(BackupInView view, string directory, CancellationToken cancellationToken)
    {
        var path = RelativePath.Of(view, directory);
        var below = path.Length == 0
            ? await view.CountAtLeastAsync(1, cancellationToken) // the subject's root: the whole backup
            : await view.CountBelowAtLeastAsync(path, 1, cancellationToken) ?? throw view.Failure(FailureCategory.MissingPath, $"a directory /{path}", "no such directory in the backup");
        if (below.Files > 0) return below;
        throw view.Failure(FailureCategory.HollowBackup, $"the directory /{path} to hold at least one file (directories never count)",
            $"0 files in {Plural.Of(below.Directories, "directory", "directories")} below it{below.Note}");
    }

    /// <summary>Every path is in the backup (a trailing / asks for a directory); every missing one is named. Paths that
    /// check nothing are refused before the system is asked (<see cref="PathsProblem"/>).</summary>
    /// <param name="paths">Relative to the subject as a feature writes them.</param>
    public static async Task<int> RequirePathsAsync(BackupInView view, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (PathsProblem(paths) is var (category, expected, refused)) throw view.Failure(category, expected, refused);
        var asked = paths.Select(p => (Path: RelativePath.Of(p)!, WantsDirectory: p.TrimEnd().EndsWith('/'))).ToList();
        var found = await view.FindAllAsync([.. asked.Select(a => a.Path)], cancellationToken);
        var missing = new List<string>();
        foreach (var ((path, wantsDirectory), entry) in asked.Zip(found))
        {
            if (entry is null) missing.Add($"/{path}{(wantsDirectory ? "/" : "")} (absent)");
            else if (wantsDirectory && !entry.IsDirectory) missing.Add($"/{path}/ (a file, not a directory)");
        }
        if (missing.Count == 0) return paths.Count;
        throw view.Failure(FailureCategory.MissingPath, $"all {Plural.Of(paths.Count, "path")} to be in the backup",
            $"{Plural.Of(missing.Count, "missing path")}: {string.Join(", ", missing)}");
    }

    /// <summary>What makes a table of paths check nothing or mean nothing, as a failure's category, expected and found, or
    /// null when every path can be looked up: none at all, one that names the subject itself, one that climbs out with
    /// "..". A step can ask this before it opens anything.</summary>
    public static (FailureCategory Category, string Expected, string Found)? PathsProblem(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) return (FailureCategory.NothingChecked, "at least one path to look up", "a table without path rows");
        if (paths.FirstOrDefault(p => RelativePath.Of(p) is null) is { } climbing)
            return (FailureCategory.InputError, "a path inside the backed-up path", $"'{climbing}', which climbs out with '..'");
        var meaningless = paths.Where(p => RelativePath.Of(p)!.Length == 0).ToList();
        return meaningless.Count == 0 ? null : (FailureCategory.SuiteDefect, "paths inside the backed-up path (relative to its root)",
            $"{string.Join(", ", meaningless.Select(p => $"'{p}'"))}, which {(meaningless.Count == 1 ? "names the backed-up path itself and checks" : "name the backed-up path itself and check")} nothing");
    }
}
