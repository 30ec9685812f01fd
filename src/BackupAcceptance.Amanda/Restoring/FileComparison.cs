using BackupAcceptance.Core.Files;
namespace BackupAcceptance.Amanda.Restoring;

/// <summary>A restored file against the live one: both SHA-256 digests, or why one could not be read.</summary>
public sealed record FileComparison(string? LiveSha256, string? RestoredSha256, string? Problem)
{
    public bool Matches => Problem is null && LiveSha256 == RestoredSha256;

    /// <summary>Hashes both files, by the exact bytes of their paths (names need not be UTF-8).</summary>
    public static async Task<FileComparison> CompareAsync(byte[] livePath, byte[] restoredPath, CancellationToken cancellationToken)
    {
        string? live = null, restored = null;
        try
        {
            live = await RawFiles.Sha256Async(livePath, cancellationToken);
            restored = await RawFiles.Sha256Async(restoredPath, cancellationToken);
            return new FileComparison(live, restored, null);
        }
        catch (IOException unreadable)
        {
            return new FileComparison(live, restored, unreadable.Message);
        }
    }
}
