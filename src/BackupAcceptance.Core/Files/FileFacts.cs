using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BackupAcceptance.Core.Files;

/// <summary>What the kernel says of an open file (statx on the handle, so of exactly the file that was opened): its
/// type, size, and when its content (mtime) and its inode (ctime: content, owner, mode, links) last changed. .NET
/// gives no ctime, and a file's type only by its path.</summary>
public readonly partial record struct FileFacts(bool IsRegular, long Size, DateTime ModifiedUtc, DateTime ChangedUtc)
{
    private const int EmptyPath = 0x1000, BasicStats = 0x7ff, TypeMask = 0xF000, Regular = 0x8000;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, int mask, [Out] byte[] buffer);

    public static FileFacts Of(SafeFileHandle handle)
    {
        // struct statx (linux/stat.h), the same on every architecture: mode at 28, size at 40, ctime at 96, mtime at
        // 112, each time as 64-bit seconds and 32-bit nanoseconds.
        var buffer = new byte[256];
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            if (Statx((int)handle.DangerousGetHandle(), "", EmptyPath, BasicStats, buffer) != 0)
                throw new IOException($"statx failed: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
        var mode = BitConverter.ToUInt16(buffer, 28);
        return new FileFacts((mode & TypeMask) == Regular, BitConverter.ToInt64(buffer, 40), Time(buffer, 112), Time(buffer, 96));
    }

    private static DateTime Time(byte[] buffer, int at) =>
        DateTime.UnixEpoch.AddSeconds(BitConverter.ToInt64(buffer, at)).AddTicks(BitConverter.ToUInt32(buffer, at + 8) / 100);
}
