using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace BackupAcceptance.Amanda.Restoring;

/// <summary>
/// Who owns a path and how it may be changed, as lstat sees it (symbolic links are not followed): what the restore
/// root's trust rule and the restore area's identity check read. .NET has no owner or inode, so this asks the kernel
/// through statx, whose result layout is the same on every architecture (unlike struct stat).
/// </summary>
internal readonly partial record struct FileStatus(uint Uid, uint Mode, ulong Inode, uint DeviceMajor, uint DeviceMinor)
{
    private const uint TypeMask = 0xF000; // S_IFMT, octal 0170000

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

    public bool IsSymbolicLink => (Mode & TypeMask) == 0xA000;

    /// <summary>The sticky bit (octal 01000): in a directory, only an entry's owner (or root) may rename or delete it.</summary>
    public bool IsSticky => (Mode & 0x200) != 0;

    /// <summary>Group or others may write (octal 022); a POSIX ACL that grants anyone write shows in the group bits.</summary>
    public bool WritableByOthers => (Mode & 0x12) != 0;

    /// <summary>Same file: the same inode on the same device.</summary>
    public bool SameFileAs(FileStatus other) =>
        Inode == other.Inode && DeviceMajor == other.DeviceMajor && DeviceMinor == other.DeviceMinor;

    /// <summary>"owner nobody (uid 65534), mode 0777", for messages.</summary>
    public string Describe() =>
        $"owner {UserNames.Of(Uid)} (uid {Uid}), mode {Convert.ToString(Mode & 0xFFF, 8).PadLeft(4, '0')}{(IsSymbolicLink ? ", a symbolic link" : "")}";

    /// <summary>The status of <paramref name="path"/> itself (a symbolic link is described, not followed); null when
    /// nothing is there.</summary>
    /// <exception cref="IOException">Any other failure (permission, a component that is not a directory).</exception>
    public static FileStatus? Of(string path)
    {
        var buffer = new byte[256];
        if (Native.Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, BasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == NoSuchEntry) return null;
            throw new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        // struct statx: stx_uid at 20, stx_mode (16 bits) at 28, stx_ino at 32, stx_dev_major/minor at 136/140.
        return new FileStatus(
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20)),
            BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28)),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140)));
    }

    /// <summary>The user this process acts as: the only owner besides root that the suite trusts.</summary>
    public static uint EffectiveUser => Native.GetEffectiveUserId();

    /// <summary>The path with every symbolic link, "." and ".." resolved (realpath(3)).</summary>
    /// <exception cref="IOException">It does not exist or cannot be resolved.</exception>
    public static string RealPath(string path)
    {
        var resolved = Native.RealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
            throw new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        try
        {
            return Marshal.PtrToStringUTF8(resolved) ?? path;
        }
        finally
        {
            Marshal.FreeHGlobal(resolved); // free(3) on Linux
        }
    }

    /// <summary>mkdir(2): unlike Directory.CreateDirectory, fails when anything (a directory, a link) is already there.</summary>
    /// <returns>False when the name is taken.</returns>
    /// <exception cref="IOException">Any other failure.</exception>
    public static bool MakeDirectory(string path, UnixFileMode mode)
    {
        if (Native.MakeDirectory(path, (uint)mode) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        return errno == AlreadyExists ? false : throw new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint BasicStats = 0x7FF;
    private const int NoSuchEntry = 2;
    private const int AlreadyExists = 17;

    private static partial class Native
    {
        [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);

        [LibraryImport("libc", EntryPoint = "geteuid")]
        public static partial uint GetEffectiveUserId();

        [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial IntPtr RealPath(string path, IntPtr resolved);

        [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int MakeDirectory(string path, uint mode);
    }

    /// <summary>User names from /etc/passwd, for messages; the number when the name is unknown.</summary>
    private static class UserNames
    {
        public static string Of(uint uid)
        {
            try
            {
                foreach (var line in File.ReadLines("/etc/passwd"))
                {
                    var fields = line.Split(':');
                    if (fields.Length > 2 && fields[2] == uid.ToString(CultureInfo.InvariantCulture)) return fields[0];
                }
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
            {
                // The number says enough.
            }
            return uid.ToString(CultureInfo.InvariantCulture);
        }
    }
}
