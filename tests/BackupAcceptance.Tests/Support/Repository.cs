namespace BackupAcceptance.Tests.Support;

/// <summary>The repository the tests were built from: the folder holding BackupAcceptance.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BackupAcceptance.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException($"BackupAcceptance.sln not found above {AppContext.BaseDirectory}");
    }
}
