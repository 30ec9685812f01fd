using BackupAcceptance.Core.Failures;

namespace BackupAcceptance.Core.Checks;

/// <summary>A path as a feature writes it ("/ssh/", "ssh", "./ssh") as the tree keys it: relative, no slash at
/// either end ("" is the subject's root). A ".." step is refused: the tree holds no such name.</summary>
public static class RelativePath
{
    /// <returns>The path, or null when it climbs out with "..".</returns>
    public static string? Of(string written)
    {
        var parts = written.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        return parts.Contains("..") ? null : string.Join('/', parts);
    }

    /// <summary>The path as the tree keys it, or an input error naming it.</summary>
    public static string Of(BackupInView view, string written) => Of(written) ?? throw view.Failure(FailureCategory.InputError,
        "a path inside the backed-up path", $"'{written}', which climbs out with '..'");
}
