namespace BackupAcceptance.Core.Checks;

/// <summary>"1 directory", "4 directories": the reader's sentence counts in words that agree.</summary>
public static class Plural
{
    /// <param name="many">The word for any other count; null: <paramref name="one"/> with an s.</param>
    public static string Of(int count, string one, string? many = null) => $"{count} {(count == 1 ? one : many ?? one + "s")}";
}
