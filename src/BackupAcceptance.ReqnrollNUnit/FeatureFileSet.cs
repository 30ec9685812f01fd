namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// The .feature files a path stands for, and the directory their relative paths are relative to.
/// <see cref="Problem"/> says why there are none, in words a test report can show as is.
/// </summary>
internal sealed record FeatureFileSet(string RootDirectory, IReadOnlyList<string> Files, string? Problem)
{
    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        // Skips hidden folders (.git, .vs) as a file manager would: features never live there.
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    /// <summary>A directory (all *.feature below it) or a single feature file, anywhere on disk.</summary>
    public static FeatureFileSet Find(string path)
    {
        // An unset setting or environment variable must fail a test, not throw while NUnit discovers tests.
        if (string.IsNullOrWhiteSpace(path))
            return new FeatureFileSet(Environment.CurrentDirectory, [], "No feature files: the feature path is empty.");

        var fullPath = Path.GetFullPath(path);

        if (File.Exists(fullPath))
            return new FeatureFileSet(Path.GetDirectoryName(fullPath) ?? fullPath, [fullPath], null);

        if (!Directory.Exists(fullPath))
        {
            return new FeatureFileSet(fullPath, [],
                $"No feature files: the path '{fullPath}' does not exist (given as '{path}', current directory " +
                $"'{Environment.CurrentDirectory}'). Expected a directory holding *.feature files, or one .feature file.");
        }

        var files = Directory.EnumerateFiles(fullPath, "*.feature", Recursive)
            .Order(StringComparer.Ordinal)
            .ToList();

        return files.Count > 0
            ? new FeatureFileSet(fullPath, files, null)
            : new FeatureFileSet(fullPath, [],
                $"No feature files: found no *.feature file in the directory '{fullPath}' or below it (hidden folders skipped).");
    }

    /// <summary>"backup/Nightly.feature": relative to the root, '/' on every OS so reports read the same.</summary>
    public string RelativePathOf(string file) => Path.GetRelativePath(RootDirectory, file).Replace('\\', '/');
}
