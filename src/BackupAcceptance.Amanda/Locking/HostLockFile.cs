using System.Buffers.Binary;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BackupAcceptance.Amanda.Restoring;
using Microsoft.Win32.SafeHandles;

namespace BackupAcceptance.Amanda.Locking;

/// <summary>
/// One lock file of <see cref="LockFolder"/>, opened for an exclusive flock(2): the kernel's lock, shared by every
/// process of the host (flock(1) in a shell script too), and released when the file is closed or its process dies, so
/// a run that crashed never leaves it held. Opened read-only (flock needs no more, and another user's run can open a
/// file it did not make), never following a link, and trusted only when it is a plain file of root's or this user's:
/// another user's file could be removed by its owner while a restore holds it, and the next run would lock a new one.
/// Its content is never read: who holds it is the kernel's answer (<see cref="LockHolders"/>), not the file's.
/// </summary>
public sealed partial class HostLockFile : IDisposable
{
    // The descriptor, for libc's int parameters; the handle closes it once.
    private readonly int _descriptor;
    private readonly SafeFileHandle _handle;
    private readonly FileStatus _status;

    private HostLockFile(string path, int descriptor, SafeFileHandle handle, FileStatus status)
    {
        Path = path;
        _descriptor = descriptor;
        _handle = handle;
        _status = status;
    }

    public string Path { get; }

    /// <summary>Opens (making it 0644 when missing) the lock file <paramref name="name"/> in the trusted folder.</summary>
    /// <exception cref="UnusableLockException">The folder or the file fails the rule, or cannot be opened.</exception>
    public static HostLockFile Open(string folder, string name)
    {
        var path = System.IO.Path.Combine(LockFolder.Require(folder), name);
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        // O_EXCL first: a file made here is this user's; one found is opened without O_CREAT (and judged below).
        var descriptor = Native.Open(bytes, ReadOnly | Create | Exclusive | NoFollow | NonBlocking | CloseOnExec, 0x1A4);
        var made = descriptor >= 0;
        if (!made && Marshal.GetLastPInvokeError() == AlreadyExists)
            descriptor = Native.Open(bytes, ReadOnly | NoFollow | NonBlocking | CloseOnExec, 0);
        if (descriptor < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new UnusableLockException(path, errno == Loop
                ? "is a symbolic link, which the suite never makes: remove it"
                : $"cannot be opened ({new Win32Exception(errno).Message})");
        }
        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        try
        {
            // 0644 whatever the umask (run.sh's is 077): the other users' runs must be able to open it to lock it.
            if (made && Native.FileChangeMode(descriptor, 0x1A4) != 0)
                throw new UnusableLockException(path, $"cannot be made readable by every run ({new Win32Exception(Marshal.GetLastPInvokeError()).Message})");
            var (status, links) = StatusOf(descriptor, path);
            if (!status.IsRegularFile)
                throw new UnusableLockException(path, $"({status.Describe()}) is not a plain file: remove it");
            if (status.Uid != 0 && status.Uid != FileStatus.EffectiveUser)
                throw new UnusableLockException(path, $"({status.Describe()}) belongs to another user than root or this one, who could remove it while a restore holds it: remove it, or let root make it (docs/nightly.md)");
            if (links != 1)
                throw new UnusableLockException(path, $"({status.Describe()}) has {links} names (hard links): remove it");
            return new HostLockFile(path, descriptor, handle, status);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>flock(LOCK_EX | LOCK_NB): true when this process holds the lock now, false when another does.</summary>
    public bool TryLock()
    {
        if (Native.Flock(_descriptor, LockExclusive | LockNonBlocking) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is WouldBlock or Interrupted) return false;
        throw new UnusableLockException(Path, $"cannot be locked ({new Win32Exception(errno).Message})");
    }

    /// <summary>Who holds the lock now, as the kernel lists it in /proc/locks: "PID 4242 (testhost)".</summary>
    public IReadOnlyList<string> Holders()
    {
        string locks;
        try
        {
            locks = File.ReadAllText("/proc/locks");
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return [];
        }
        return [.. LockHolders.Of(locks, _status.DeviceMajor, _status.DeviceMinor, _status.Inode).Select(Describe)];
    }

    private static string Describe(int pid)
    {
        if (pid <= 0) return "a process outside this PID namespace";
        try
        {
            return $"PID {pid.ToString(CultureInfo.InvariantCulture)} ({File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/comm").TrimEnd('\n')})";
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            return $"PID {pid.ToString(CultureInfo.InvariantCulture)}";
        }
    }

    /// <summary>Closing the file releases the lock.</summary>
    public void Dispose() => _handle.Dispose();

    /// <summary>statx of the open file (AT_EMPTY_PATH): what is judged is what was opened, not what the name holds
    /// now. The same layout <see cref="FileStatus"/> reads, plus stx_nlink at 16.</summary>
    private static (FileStatus Status, uint Links) StatusOf(int descriptor, string path)
    {
        var buffer = new byte[256];
        if (Native.Statx(descriptor, "", EmptyPath, BasicStats, buffer) != 0)
            throw new UnusableLockException(path, $"cannot be examined ({new Win32Exception(Marshal.GetLastPInvokeError()).Message})");
        return (new FileStatus(
                BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20)),
                BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28)),
                BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32)),
                BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136)),
                BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140))),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(16)));
    }

    private const int ReadOnly = 0, Create = 0x40, Exclusive = 0x80, NonBlocking = 0x800, NoFollow = 0x20000, CloseOnExec = 0x80000;
    private const int LockExclusive = 2, LockNonBlocking = 4;
    private const int EmptyPath = 0x1000;
    private const uint BasicStats = 0x7FF;
    private const int Interrupted = 4, AlreadyExists = 17, WouldBlock = 11, Loop = 40;

    private static partial class Native
    {
        [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
        public static partial int Open(byte[] path, int flags, uint mode);

        [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
        public static partial int FileChangeMode(int file, uint mode);

        [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
        public static partial int Flock(int file, int operation);

        [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
    }
}
