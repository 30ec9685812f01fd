using System.Runtime.InteropServices;
using System.Text;

namespace BackupAcceptance.Amanda.Client;

/// <summary>
/// Amanda expands an include pattern with libc's glob(3) (no flags: a leading dot must be matched explicitly, no
/// match gives nothing) inside the device. The same glob here gives the same names; the device is escaped so that
/// only the pattern is a pattern, instead of changing this process's directory as Amanda does.
/// </summary>
internal static partial class IncludeGlob
{
    private const int NoMatch = 3;

    // glibc's glob_t on 64-bit: gl_pathc, gl_pathv, gl_offs, gl_flags, then five function pointers (72 bytes).
    private const int GlobSize = 128;

    [LibraryImport("libc", EntryPoint = "glob", SetLastError = true)]
    private static partial int Glob(byte[] pattern, int flags, IntPtr errorFunction, IntPtr result);

    [LibraryImport("libc", EntryPoint = "globfree")]
    private static partial void GlobFree(IntPtr result);

    /// <summary>The names below <paramref name="device"/> that <paramref name="pattern"/> matches, relative to it,
    /// as Latin-1 text. Both arguments are Latin-1 text.</summary>
    public static IReadOnlyList<string> Expand(string device, string pattern)
    {
        var escaped = new StringBuilder();
        foreach (var c in device) escaped.Append(c is '\\' or '*' or '?' or '[' ? "\\" + c : c.ToString());
        var prefix = escaped.Append('/').ToString();
        var full = Encoding.Latin1.GetBytes(prefix + pattern + "\0");
        var result = Marshal.AllocHGlobal(GlobSize);
        try
        {
            for (var i = 0; i < GlobSize; i++) Marshal.WriteByte(result, i, 0);
            var status = Glob(full, 0, IntPtr.Zero, result);
            if (status == NoMatch) return [];
            if (status != 0) throw new IOException($"glob({device}/{pattern}) failed with {status}");
            try
            {
                var count = (long)Marshal.ReadIntPtr(result, 0);
                var vector = Marshal.ReadIntPtr(result, IntPtr.Size);
                var names = new List<string>();
                for (var i = 0; i < count; i++)
                {
                    var match = CString(Marshal.ReadIntPtr(vector, i * IntPtr.Size));
                    names.Add(match[(device.Length + 1)..]);
                }
                return names;
            }
            finally
            {
                GlobFree(result);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(result);
        }
    }

    // Bytes up to the NUL, one char per byte: a name that is not UTF-8 keeps its bytes.
    private static string CString(IntPtr text)
    {
        var bytes = new List<byte>();
        for (var offset = 0; Marshal.ReadByte(text, offset) is var b && b != 0; offset++) bytes.Add(b);
        return Encoding.Latin1.GetString(bytes.ToArray());
    }
}
