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
    private RestoreArea(string path) => Path = path;

    public string Path { get; }

    public static RestoreArea Create()
    {
        var directory = Directory.CreateTempSubdirectory("backup-acceptance-restore-");
        File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new RestoreArea(directory.FullName);
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
