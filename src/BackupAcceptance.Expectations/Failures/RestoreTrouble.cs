namespace BackupAcceptance.Expectations.Failures;

/// <summary>
/// Words of a failed extract that put the fault outside the backup: this machine's restore area (full, not
/// writable) or the tape server (no such storage, no data sent, no connection). Those are broken runs ("Restore
/// failed"); anything else (tar finding no archive, a truncated one, missing files) stays the backup's fault.
/// </summary>
public static class RestoreTrouble
{
    private static readonly (string Words, string Means)[] Known =
    [
        ("No space left on device", "the restore area is full"),
        ("Disk quota exceeded", "the restore area is full"),
        ("Read-only file system", "the restore area is not writable"),
        ("Permission denied", "the restore area is not writable"),
        ("Got no header and data from server", "the tape server sent no data (amidxtaped says why in its debug log on the server, e.g. \"Storage 'x' not found\")"),
        ("not found", "the tape server refused"), // amidxtaped: Storage 'x' not found
        ("Connection refused", "the tape server is not reachable"),
        ("amidxtaped", "the tape server refused"),
    ];

    /// <returns>What the trouble means and the line that says so, or null when the words blame nothing outside the
    /// backup.</returns>
    public static string? Explain(string extractWords)
    {
        var lines = extractWords.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var (words, means) in Known)
        {
            // "not found" alone is too common a phrase: only amidxtaped's "Storage ... not found" counts.
            var line = lines.FirstOrDefault(l => l.Contains(words, StringComparison.Ordinal)
                                                 && (words != "not found" || l.Contains("Storage", StringComparison.Ordinal)));
            if (line is not null) return $"{means} (\"{line}\")";
        }
        return null;
    }
}
