namespace BackupAcceptance.Tests.Support;

/// <summary>The repository the tests were built from: the folder holding BackupAcceptance.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>The build configuration of this test assembly (Debug, Release): the suite was built in the same one.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BackupAcceptance.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException($"BackupAcceptance.sln not found above {AppContext.BaseDirectory}");
    }
}
