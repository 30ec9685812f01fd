using System.Text;
using CliWrap;

namespace BackupAcceptance.Amanda.Restoring;

/// <summary>
/// Removes the restore areas of runs that died (SIGKILL, a power cut) before they could remove their own: once per
/// run, at its start. Only folders that are surely the suite's and surely abandoned go: a folder named like an area,
/// owned by this user, holding a marker file owned by this user (in a trusted root nobody else can make either) that
/// names an owner process that is gone (<see cref="AreaOwner.IsGone"/>). An area of a live run (another run on the same
/// server) stays, and so does anything without the marker.
/// </summary>
public static class RestoreAreaSweep
{
    /// <param name="root">The restore root (BACKUP_ACCEPTANCE_RESTORE_DIR); null: the system's temporary directory.</param>
    /// <returns>The folders removed, for the run's log. None from a root that fails the trust rule: the scenarios that
    /// restore say why, and nothing is removed where another user could have placed it.</returns>
    public static async Task<IReadOnlyList<string>> SweepAsync(string? root, CancellationToken cancellationToken)
    {
        List<string> candidates;
        try
        {
            var trusted = RestoreRoot.RequireTrusted(root ?? RestoreRoot.Default);
            candidates = [.. Directory.EnumerateFileSystemEntries(trusted, RestoreArea.Prefix + "*")];
        }
        catch (Exception unusable) when (unusable is UntrustedRestoreRootException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
        var me = FileStatus.EffectiveUser;
        var removed = new List<string>();
        foreach (var folder in candidates)
        {
            if (OwnerOf(folder, me) is { } owner && owner.IsGone() && await RemoveAsync(folder, cancellationToken)) removed.Add(folder);
        }
        return removed;
    }

    /// <summary>The owner the folder's marker names, when folder and marker are this user's; else null.</summary>
    internal static AreaOwner? OwnerOf(string folder, uint me)
    {
        try
        {
            if (FileStatus.Of(folder) is not { IsDirectory: true } directory || directory.Uid != me) return null;
            var marker = Path.Combine(folder, RestoreArea.MarkerName);
            if (FileStatus.Of(marker) is not { IsRegularFile: true } file || file.Uid != me) return null;
            var buffer = new byte[1024];
            using var stream = File.OpenRead(marker);
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return AreaOwner.Parse(Encoding.ASCII.GetString(buffer, 0, length));
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>rm -rf as the area's dispose does: restored names need not be UTF-8, and a data check's copy inside is
    /// nobody's. Bounded: a sweep never holds the run's start for long.</summary>
    private static async Task<bool> RemoveAsync(string folder, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(1));
        try
        {
            var rm = await Cli.Wrap("rm").WithArguments(["-rf", "--one-file-system", "--", folder])
                .WithValidation(CommandResultValidation.None).ExecuteAsync(limit.Token);
            return rm.ExitCode == 0;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
