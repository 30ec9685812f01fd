using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// Moving around a disk's backed-up tree: choosing host and disk, listing, changing directory. Like every typed
/// command, each encodes its argument safely and turns Amanda's refusals into <see cref="AmandaReplyException"/>.
/// </summary>
public static class NavigationCommands
{
    public static async Task SetHostAsync(this AmrecoverSession session, string host, CancellationToken cancellationToken) =>
        await session.SendCheckedAsync($"sethost {AmrecoverArgument.Literal(host)}", cancellationToken);

    /// <summary>Selects a disk (DLE) and moves to its root. A disk without any dump on or before the working date
    /// raises <see cref="AmandaErrorKind.NoDump"/> (amrecover still says "200 Disk set"). With a mount point, paths
    /// are shown relative to it (<c>/</c> gives disk-relative paths).</summary>
    public static async Task SetDiskAsync(this AmrecoverSession session, string disk, CancellationToken cancellationToken,
        string? mountPoint = null)
    {
        if (mountPoint is not null && !mountPoint.StartsWith('/'))
            throw new ArgumentException($"Mount point '{mountPoint}' must start with /.", nameof(mountPoint));
        var command = $"setdisk {AmrecoverArgument.Literal(disk)}" + (mountPoint is null ? "" : $" {AmrecoverArgument.Literal(mountPoint)}");
        await session.SendCheckedAsync(command, cancellationToken);
    }

    public static async Task<DirectoryListing> ListAsync(this AmrecoverSession session, CancellationToken cancellationToken)
    {
        var reply = await session.SendCheckedAsync("ls", cancellationToken, refusalsOnly: true);
        return ListingParser.Parse(reply.Output);
    }

    /// <summary>Enters one directory of the current listing, by exactly the name <c>ls</c> showed. One component at
    /// a time, because amrecover cannot enter non-ASCII directories by absolute or multi-component paths.</summary>
    public static async Task ChangeDirectoryAsync(this AmrecoverSession session, ListingEntry directory, CancellationToken cancellationToken) =>
        await session.SendCheckedAsync($"cd {AmrecoverArgument.Pattern(directory.IndexName)}", cancellationToken);

    public static async Task ChangeToParentAsync(this AmrecoverSession session, CancellationToken cancellationToken) =>
        await session.SendCheckedAsync("cd ..", cancellationToken);

    public static async Task<string> PrintWorkingDirectoryAsync(this AmrecoverSession session, CancellationToken cancellationToken)
    {
        var reply = await session.SendCheckedAsync("pwd", cancellationToken);
        return reply.Text.Trim();
    }

}
