using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace BackupAcceptance.Core.Files;

/// <summary>
/// Opens files by the exact bytes of their path. .NET paths are strings decoded as UTF-8, so a name that is not
/// valid UTF-8 (legal on Linux, and in backups) cannot be opened through them; libc's open() takes bytes.
/// </summary>
public static partial class RawFiles
{
    private const int ReadOnly = 0, NonBlocking = 0x800, NoFollow = 0x20000, CloseOnExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int Open(byte[] path, int flags);

    /// <summary>Opens a regular file for reading; a symbolic link is refused rather than followed, and a FIFO never
    /// blocks the open (O_NONBLOCK does nothing to a regular file).</summary>
    public static FileStream OpenRead(ReadOnlySpan<byte> path)
    {
        var terminated = new byte[path.Length + 1];
        path.CopyTo(terminated);
        var descriptor = Open(terminated, ReadOnly | NonBlocking | NoFollow | CloseOnExec);
        if (descriptor < 0)
        {
            var error = new Win32Exception(Marshal.GetLastPInvokeError());
            throw new IOException($"Cannot open '{System.Text.Encoding.UTF8.GetString(path)}': {error.Message}", error);
        }
        return new FileStream(new SafeFileHandle(descriptor, ownsHandle: true), FileAccess.Read, bufferSize: 0, isAsync: false);
    }

    /// <summary>When the file's content last changed (its mtime), in UTC.</summary>
    public static DateTime LastWriteTimeUtc(ReadOnlySpan<byte> path)
    {
        using var stream = OpenRead(path);
        return File.GetLastWriteTimeUtc(stream.SafeFileHandle);
    }

    public static async Task<string> Sha256Async(ReadOnlyMemory<byte> path, CancellationToken cancellationToken)
    {
        await using var stream = OpenRead(path.Span);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
