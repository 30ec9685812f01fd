using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BackupAcceptance.Core.Files;

/// <summary>What the kernel says of an open file (statx on the handle, so of exactly the file that was opened): its
/// type, size, and when its content (mtime) and its inode (ctime: content, owner, mode, links) last changed. .NET
/// gives no ctime, and a file's type only by its path.</summary>
/// <param name="Complete">The kernel gave the type, size, mtime and ctime (a filesystem may leave some out): only then
/// may the facts be compared with a backup's.</param>
public readonly partial record struct FileFacts(bool IsRegular, long Size, DateTime ModifiedUtc, DateTime ChangedUtc, bool Complete,
    bool IsDirectory = false)
{
    private const int EmptyPath = 0x1000, NoFollow = 0x100, CurrentDirectory = -100, BasicStats = 0x7ff, TypeMask = 0xF000, Regular = 0x8000,
        Directory = 0x4000;

    // STATX_TYPE | STATX_SIZE | STATX_MTIME | STATX_CTIME: what the comparison reads.
    private const uint Needed = 0x1 | 0x200 | 0x40 | 0x80;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, int mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static partial int Statx(int directory, byte[] path, int flags, int mask, [Out] byte[] buffer);

    public static FileFacts Of(SafeFileHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return Read((int)handle.DangerousGetHandle(), "", EmptyPath);
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    /// <summary>The entry at the path itself, a link not followed: whether it may be opened at all (a device's open
    /// runs its driver: a tape rewinds).</summary>
    public static FileFacts OfPath(string path) => Read(CurrentDirectory, path, NoFollow);

    /// <summary>As <see cref="OfPath(string)"/>, for a path given by its exact bytes (a name need not be UTF-8).</summary>
    public static FileFacts OfPath(ReadOnlySpan<byte> path)
    {
        // A NUL inside would end the path early: another file than the one named.
        if (path.IndexOf((byte)0) >= 0) throw new IOException("a path with a NUL byte in it");
        var terminated = new byte[path.Length + 1];
        path.CopyTo(terminated);
        var buffer = new byte[256];
        if (Statx(CurrentDirectory, terminated, NoFollow, BasicStats, buffer) != 0)
            throw new IOException($"statx failed: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        return Decode(buffer);
    }

    private static FileFacts Read(int directory, string path, int flags)
    {
        // struct statx (linux/stat.h), the same on every architecture: the mask at 0, mode at 28, size at 40, ctime at
        // 96, mtime at 112, each time as 64-bit seconds and 32-bit nanoseconds.
        var buffer = new byte[256];
        if (Statx(directory, path, flags, BasicStats, buffer) != 0)
            throw new IOException($"statx failed: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        return Decode(buffer);
    }

    private static FileFacts Decode(byte[] buffer)
    {
        var mode = BitConverter.ToUInt16(buffer, 28);
        var complete = (BitConverter.ToUInt32(buffer, 0) & Needed) == Needed;
        return new FileFacts((mode & TypeMask) == Regular, BitConverter.ToInt64(buffer, 40), Time(buffer, 112), Time(buffer, 96), complete,
            (mode & TypeMask) == Directory);
    }

    private static DateTime Time(byte[] buffer, int at) =>
        DateTime.UnixEpoch.AddSeconds(BitConverter.ToInt64(buffer, at)).AddTicks(BitConverter.ToUInt32(buffer, at + 8) / 100);
}
