using BackupAcceptance.Core.Files;

namespace BackupAcceptance.Core.DataChecks;

/// <summary>
/// Whether text a command printed quotes restored data: any run of <see cref="Run"/> bytes of it that also occurs in a
/// restored file. Rabin-Karp: every window of the text is hashed into a set, and each file is streamed once with a
/// rolling hash. A 64-bit hash collision only withholds text that was clean, never shows text that was not. It sees
/// the files' raw bytes: what a command decompresses or decodes before printing it is not recognised.
/// </summary>
public static class RestoredBytes
{
    /// <summary>Eight bytes: a short password, a hash's fragment, a word of a config line.</summary>
    public const int Run = 8;

    private const ulong Base = 1_099_511_628_211UL; // odd: the rolling hash keeps every bit of the window

    public enum Verdict { Clean, Quoted, TooMuchToScan }

    /// <param name="files">The restored files' paths, as bytes.</param>
    /// <param name="budget">At most this many restored bytes are read; beyond that the text cannot be proven clean.</param>
    public static async Task<Verdict> QuotedInAsync(byte[] text, IEnumerable<byte[]> files, long budget, CancellationToken cancellationToken)
    {
        if (text.Length < Run) return Verdict.Clean;
        var windows = new HashSet<ulong>();
        var top = Power(Run - 1);
        var hash = 0UL;
        for (var i = 0; i < text.Length; i++)
        {
            if (i >= Run) hash -= text[i - Run] * top;
            hash = hash * Base + text[i];
            if (i >= Run - 1) windows.Add(hash);
        }
        var read = 0L;
        var buffer = new byte[64 * 1024];
        foreach (var path in files)
        {
            FileStream stream;
            try
            {
                stream = RawFiles.OpenRead(path);
            }
            catch (IOException)
            {
                continue; // not a regular file any more: nothing of it can be printed
            }
            await using (stream)
            {
                var window = new byte[Run];
                var (seen, rolling) = (0L, 0UL);
                int count;
                while ((count = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    if ((read += count) > budget) return Verdict.TooMuchToScan;
                    for (var i = 0; i < count; i++, seen++)
                    {
                        var slot = (int)(seen % Run);
                        if (seen >= Run) rolling -= window[slot] * top;
                        window[slot] = buffer[i];
                        rolling = rolling * Base + buffer[i];
                        if (seen >= Run - 1 && windows.Contains(rolling)) return Verdict.Quoted;
                    }
                }
            }
        }
        return Verdict.Clean;
    }

    private static ulong Power(int exponent)
    {
        var result = 1UL;
        for (var i = 0; i < exponent; i++) result *= Base;
        return result;
    }
}
