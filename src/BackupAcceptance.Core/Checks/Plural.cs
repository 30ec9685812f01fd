namespace BackupAcceptance.Core.Checks;

/// <summary>"1 directory", "4 directories": the reader's sentence counts in words that agree.</summary>
public static class Plural
{
    public static string Of(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}
