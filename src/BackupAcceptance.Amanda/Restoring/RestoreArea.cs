using System.Text;
using BackupAcceptance.Amanda.Text;
using CliWrap;

namespace BackupAcceptance.Amanda.Restoring;

/// <summary>
/// A private temporary directory (mode 0700) that receives a restore, and is removed with everything in it when
/// disposed. Restores land nowhere else: extract is only confirmed for exactly this directory.
/// </summary>
public sealed class RestoreArea : IAsyncDisposable
{
    private const string Prefix = "backup-acceptance-restore-";

    private RestoreArea(string path) => Path = path;

    public string Path { get; }

    /// <param name="root">Where to make it; null: the system's temporary directory.</param>
    public static RestoreArea Create(string? root = null)
    {
        var directory = root is null ? Directory.CreateTempSubdirectory(Prefix) : CreateUnder(root);
        File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new RestoreArea(directory.FullName);
    }

    // A fresh name, made with mode 0700 from the start, as CreateTempSubdirectory does in the temporary directory.
    private static DirectoryInfo CreateUnder(string root)
    {
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        while (true)
        {
            var candidate = System.IO.Path.Combine(root, Prefix + System.IO.Path.GetRandomFileName().Replace(".", ""));
            if (!Directory.Exists(candidate)) return Directory.CreateDirectory(candidate, owner);
        }
    }

    /// <summary>Where a file of the disk lands in this area, as path bytes (see <see cref="RawFiles"/>).</summary>
    public byte[] PathOf(RawPath path) => [.. Encoding.UTF8.GetBytes(Path), .. path.ToBytes()];

    /// <summary>Removes the area. rm, not Directory.Delete: restored names need not be valid UTF-8, and .NET
    /// cannot name those files to delete them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!Directory.Exists(Path)) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await Cli.Wrap("rm").WithArguments(["-rf", "--one-file-system", "--", Path])
            .WithValidation(CommandResultValidation.ZeroExitCode)
            .ExecuteAsync(timeout.Token);
    }
}
