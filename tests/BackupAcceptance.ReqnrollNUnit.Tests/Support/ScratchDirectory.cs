namespace BackupAcceptance.ReqnrollNUnit.Tests.Support;

/// <summary>
/// A temporary directory, outside the repository on purpose, that a test writes feature files into.
/// </summary>
internal sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("backupacceptance-scenarios-").FullName;

    /// <summary>Writes <paramref name="text"/> to a file below the directory and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var fullPath = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        File.WriteAllText(fullPath, text);
        return fullPath;
    }

    /// <summary>Full path of a file or directory below this one (which need not exist).</summary>
    public string PathOf(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
