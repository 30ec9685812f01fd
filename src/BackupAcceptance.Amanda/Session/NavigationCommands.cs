using System.Text.RegularExpressions;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// Moving around a disk's backed-up tree: choosing host and disk, listing, changing directory. Like every typed
/// command, each encodes its argument safely and turns Amanda's refusals into <see cref="AmandaReplyException"/>.
/// </summary>
public static partial class NavigationCommands
{
    [GeneratedRegex(@"^/[A-Za-z0-9._/-]*$")]
    private static partial Regex PlainMountPoint();

    public static async Task SetHostAsync(this AmrecoverSession session, string host, CancellationToken cancellationToken)
    {
        await session.SendCheckedAsync($"sethost {AmrecoverArgument.Literal(host)}", cancellationToken);
        session.Host = host; // its messages name the host it now serves
    }

    /// <summary>Selects a disk (DLE) and moves to its root. A disk without any dump on or before the working date
    /// raises <see cref="AmandaErrorKind.NoDump"/> (amrecover still says "200 Disk set"). With a mount point, paths
    /// are shown and taken relative to it: <c>/</c> makes every absolute path the index's own.</summary>
    public static async Task SetDiskAsync(this AmrecoverSession session, string disk, CancellationToken cancellationToken,
        string? mountPoint = null)
    {
        // amrecover keeps the quotes of a quoted mount point ("\"/\" invalid - must start with /"), so it goes
        // unquoted, and only plain paths are accepted for it.
        if (mountPoint is not null && !PlainMountPoint().IsMatch(mountPoint))
            throw new ArgumentException($"Mount point '{mountPoint}' must be an absolute path of plain ASCII names.", nameof(mountPoint));
        var command = $"setdisk {AmrecoverArgument.Literal(disk)}" + (mountPoint is null ? "" : $" {mountPoint}");
        var reply = await session.SendCheckedAsync(command, cancellationToken);
        // Confirmed, not only unrefused: a pooled session serves disk after disk, and a refusal worded in a way not
        // known here would leave it on the previous disk, whose listing would then be taken for this one's.
        if (!reply.Lines.Any(l => l.StartsWith("200 Disk set to ", StringComparison.Ordinal)))
            throw new AmandaReplyException(AmandaErrorKind.Rejected, Transcript.Utf8(reply.Command), CheckedCommands.Said(reply),
                session.Transcript.Tail());
    }

    /// <summary><c>ls</c> of the current directory. A directory amrecover shows always has its <c>.</c> line; after a
    /// <c>setdisk</c> or <c>setdate</c> that found a dump, a listing with nothing at all means the dump's index
    /// could not be read, and is never taken for an empty directory.</summary>
    /// <exception cref="AmandaReplyException">A refusal, or nothing listed (<see cref="AmandaErrorKind.IndexMissing"/>).</exception>
    public static async Task<DirectoryListing> ListAsync(this AmrecoverSession session, CancellationToken cancellationToken)
    {
        var reply = await session.SendAsync("ls", cancellationToken);
        return ToListing(session, reply);
    }

    private static DirectoryListing ToListing(AmrecoverSession session, CommandReply reply)
    {
        CheckedCommands.ThrowOnRefusal(session, reply, refusalsOnly: true);
        var listing = ListingParser.Parse(reply.Output);
        if (!listing.HasDump)
            throw new AmandaReplyException(AmandaErrorKind.IndexMissing, "ls",
                "amrecover listed nothing, not even '.': the dump's index could not be read", session.Transcript.Tail());
        return listing;
    }

    /// <summary>Enters one directory of the current listing, by exactly the entry <c>ls</c> showed, from the directory
    /// <paramref name="current"/>. One component at a time: amrecover cannot enter non-ASCII directories by absolute
    /// or multi-component paths.</summary>
    /// <exception cref="AmandaReplyException">amrecover did not enter it (<see cref="AmandaErrorKind.InvalidDirectory"/>).</exception>
    public static async Task ChangeDirectoryAsync(this AmrecoverSession session, ListingEntry directory, RawPath current,
        CancellationToken cancellationToken)
    {
        // Where matching is broken, a glob never matches and cd takes its argument as a literal path instead.
        var argument = GlobHostilePaths.Contains(current)
            ? AmrecoverArgument.Literal(directory.IndexName)
            : AmrecoverArgument.Pattern(directory.IndexName);
        var reply = await session.SendAsync($"cd {argument}", cancellationToken);
        // Success is checked positively: amrecover then prints the new directory, ending in the entry's index
        // name. Its refusals take many forms, and a hostile name can imitate any of them.
        // A server error on the way (e.g. "599 index not found") is a refusal even when the new path follows it.
        if (reply.Lines.LastOrDefault() is not { } last || !last.StartsWith('/') || !last.EndsWith("/" + directory.IndexName, StringComparison.Ordinal)
            || AmandaReplies.FindRefusal(reply) is not null)
            throw new AmandaReplyException(AmandaErrorKind.InvalidDirectory, Transcript.Utf8(reply.Command), reply.Text.Trim(), session.Transcript.Tail());
    }

    /// <summary>Enters a directory by its whole index path from the disk's root, in one round trip. Needs the disk set with mount
    /// point <c>/</c>, and a path of plain names only (<see cref="DirectPaths"/>): amrecover cannot enter others this way.</summary>
    /// <exception cref="AmandaReplyException">amrecover did not enter it (<see cref="AmandaErrorKind.InvalidDirectory"/>).</exception>
    public static async Task ChangeDirectoryToAsync(this AmrecoverSession session, string indexPath, CancellationToken cancellationToken)
    {
        var reply = await session.SendAsync($"cd {AmrecoverArgument.Literal(indexPath)}", cancellationToken);
        RequireEntered(session, reply, indexPath);
    }

    /// <summary>Lists each directory by its whole index path (absolute <c>cd</c> + <c>ls</c>), every command sent before
    /// the first reply (<see cref="AmrecoverSession.SendAllAsync"/>): one round trip for all. Same conditions as
    /// <see cref="ChangeDirectoryToAsync"/>; the session is left in the last directory.</summary>
    /// <exception cref="AmandaReplyException">amrecover did not enter one of them, or refused a listing.</exception>
    public static async Task<IReadOnlyList<DirectoryListing>> ListAllAsync(this AmrecoverSession session, IReadOnlyList<string> indexPaths,
        CancellationToken cancellationToken)
    {
        // The framer ends a pipelined reply at the first line that starts with the prompt: a plain path cannot make one.
        foreach (var path in indexPaths)
            if (!path.StartsWith('/') || !path.Split('/').Skip(1).All(DirectPaths.IsPlain))
                throw new ArgumentException($"'{path}' is not an index path of plain names.", nameof(indexPaths));
        var replies = await session.SendAllAsync(indexPaths.SelectMany(p => new[] { $"cd {AmrecoverArgument.Literal(p)}", "ls" }).ToList(),
            cancellationToken);
        var listings = new List<DirectoryListing>(indexPaths.Count);
        for (var i = 0; i < indexPaths.Count; i++)
        {
            RequireEntered(session, replies[2 * i], indexPaths[i]);
            listings.Add(ToListing(session, replies[2 * i + 1]));
        }
        return listings;
    }

    // Success is checked positively: amrecover prints the directory it is now in.
    private static void RequireEntered(AmrecoverSession session, CommandReply reply, string indexPath)
    {
        if (reply.Lines.LastOrDefault() != indexPath || AmandaReplies.FindRefusal(reply) is not null)
            throw new AmandaReplyException(AmandaErrorKind.InvalidDirectory, Transcript.Utf8(reply.Command), reply.Text.Trim(), session.Transcript.Tail());
    }

    public static async Task ChangeToParentAsync(this AmrecoverSession session, CancellationToken cancellationToken) =>
        await session.SendCheckedAsync("cd ..", cancellationToken);

    public static async Task<string> PrintWorkingDirectoryAsync(this AmrecoverSession session, CancellationToken cancellationToken)
    {
        var reply = await session.SendCheckedAsync("pwd", cancellationToken);
        return reply.Text.Trim();
    }

}
