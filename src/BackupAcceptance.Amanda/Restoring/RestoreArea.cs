using BackupAcceptance.Core.Files;
using BackupAcceptance.Core.Sources;
using System.Text;
using BackupAcceptance.Amanda.Text;
using CliWrap;

namespace BackupAcceptance.Amanda.Restoring;

/// <summary>
/// A private directory that receives a restore, and is removed with everything in it when disposed. Restores land
/// nowhere else: extract is only confirmed for exactly this directory. It is made in a trusted root
/// (<see cref="RestoreRoot"/>) as two levels: a folder of the suite's (mode 0711: others may pass through, as the user
/// nobody must to reach a data check's copy made beside the restore, but not list or write) holding the marker that
/// names the run owning it (<see cref="AreaOwner"/>, read by <see cref="RestoreAreaSweep"/> when that run died) and
/// <see cref="Path"/>, mode 0700, where the files land. The marker stays out of <see cref="Path"/>: a full restore must
/// find there exactly what the dump holds.
/// </summary>
public sealed class RestoreArea : IPrivateArea
{
    internal const string Prefix = "backup-acceptance-restore-";

    internal const string MarkerName = "owner";

    private const string RestoredName = "restore";

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode Passable = Private | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly FileStatus _folderIdentity;
    private readonly FileStatus _identity;

    private RestoreArea(string folder, FileStatus folderIdentity, FileStatus identity)
    {
        Folder = folder;
        Path = System.IO.Path.Combine(folder, RestoredName);
        _folderIdentity = folderIdentity;
        _identity = identity;
    }

    /// <summary>Where the restored files land.</summary>
    public string Path { get; }

    /// <summary>The suite's folder around <see cref="Path"/>, with the marker: what dispose and the sweep remove.</summary>
    public string Folder { get; }

    /// <param name="root">Where to make it; null: the system's temporary directory (TMPDIR, else /tmp).</param>
    /// <exception cref="UntrustedRestoreRootException">The root fails the trust rule: nothing is made.</exception>
    public static RestoreArea Create(string? root = null)
    {
        var trusted = RestoreRoot.RequireTrusted(root ?? RestoreRoot.Default);
        var me = FileStatus.EffectiveUser;
        while (true)
        {
            var folder = System.IO.Path.Combine(trusted, Prefix + System.IO.Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
            // mkdir fails on a name already taken (by a folder or a link someone put there): then another name.
            if (!FileStatus.MakeDirectory(folder, Private)) continue;
            try
            {
                File.SetUnixFileMode(folder, Passable);
                using (var marker = new FileStream(System.IO.Path.Combine(folder, MarkerName), new FileStreamOptions
                       {
                           Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                       }))
                    marker.Write(Encoding.ASCII.GetBytes(AreaOwner.Current.ToText()));
                var path = System.IO.Path.Combine(folder, RestoredName);
                if (!FileStatus.MakeDirectory(path, Private)) throw new IOException($"{path} appeared in a folder only this user may write");
                File.SetUnixFileMode(path, Private); // mkdir's mode went through the umask
                return new RestoreArea(folder, Mine(folder, me), Mine(path, me));
            }
            catch
            {
                RemoveNow(folder);
                throw;
            }
        }
    }

    /// <summary>Throws unless <see cref="Path"/> (and its folder) are still the directories made for the restore. In a
    /// trusted root nobody else can swap them; this confirms it before a check reads restored files.</summary>
    /// <exception cref="RestoreAreaChangedException">Either was removed or replaced.</exception>
    public void Verify()
    {
        Same(Folder, _folderIdentity);
        Same(Path, _identity);
    }

    /// <summary>Where a file of the disk lands in this area, as path bytes (see <see cref="RawFiles"/>), once the area
    /// is confirmed to be the one restored into (<see cref="Verify"/>).</summary>
    public byte[] PathOf(RawPath path)
    {
        Verify();
        return [.. Encoding.UTF8.GetBytes(Path), .. path.ToBytes()];
    }

    /// <summary>Removes the area. rm, not Directory.Delete: restored names need not be valid UTF-8, and .NET
    /// cannot name those files to delete them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!Directory.Exists(Folder)) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await Cli.Wrap("rm").WithArguments(["-rf", "--one-file-system", "--", Folder])
            .WithValidation(CommandResultValidation.ZeroExitCode)
            .ExecuteAsync(timeout.Token);
    }

    private static FileStatus Mine(string directory, uint me) =>
        FileStatus.Of(directory) is { IsDirectory: true } status && status.Uid == me
            ? status
            : throw new IOException($"{directory} is not the directory just made by this user");

    private static void Same(string directory, FileStatus identity)
    {
        var now = FileStatus.Of(directory);
        if (now is not { IsDirectory: true } status || !status.SameFileAs(identity))
            throw new RestoreAreaChangedException(directory, now is null ? "it is gone" : $"another entry is there now ({now.Value.Describe()})");
    }

    // Only what Create just made, before anything was restored: no odd names yet.
    private static void RemoveNow(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception leftover) when (leftover is IOException or UnauthorizedAccessException)
        {
            // Marked or empty: the next run's sweep takes it.
        }
    }
}
