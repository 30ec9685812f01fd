namespace BackupAcceptance.Core.Checks;

/// <summary>A path as a feature writes it ("/ssh/", "ssh", "./ssh") as the tree keys it: relative, no slash at
/// either end ("" is the subject's root). "." and ".." steps are refused: the tree holds no such names.</summary>
public static class RelativePath
{
    public static string Of(string written)
    {
        var parts = written.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Contains("..")) throw new ArgumentException($"Input error: the path '{written}' climbs out with '..'.", nameof(written));
        return string.Join('/', parts);
    }
}
