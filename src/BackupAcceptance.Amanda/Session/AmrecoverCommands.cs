using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// Typed amrecover commands over a session. Each one encodes its argument safely, checks the reply for Amanda's
/// refusals and turns them into <see cref="AmandaReplyException"/> with amrecover's own words.
/// </summary>
public static class AmrecoverCommands
{
    public static async Task SetHostAsync(this AmrecoverSession session, string host, CancellationToken cancellationToken) =>
        await session.SendCheckedAsync($"sethost {AmrecoverArgument.Literal(host)}", cancellationToken);

    /// <summary>Selects a disk (DLE) and moves to its root. A disk without any dump on or before the working date
    /// raises <see cref="AmandaErrorKind.NoDump"/> (amrecover still says "200 Disk set").</summary>
    public static async Task SetDiskAsync(this AmrecoverSession session, string disk, CancellationToken cancellationToken) =>
        await session.SendCheckedAsync($"setdisk {AmrecoverArgument.Literal(disk)}", cancellationToken);

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

    /// <param name="refusalsOnly">For <c>ls</c>: only lines that are not listing lines can be refusals.</param>
    private static async Task<CommandReply> SendCheckedAsync(this AmrecoverSession session, string command,
        CancellationToken cancellationToken, bool refusalsOnly = false)
    {
        var reply = await session.SendAsync(command, cancellationToken);
        var checkedReply = refusalsOnly ? reply with { Output = string.Join('\n', reply.Lines.Where(IsNotListingLine)) } : reply;
        if (AmandaReplies.FindRefusal(checkedReply) is { } kind)
            throw new AmandaReplyException(kind, Transcript.Utf8(command), reply.Text.Trim(), session.Transcript.Tail());
        return reply;
    }

    private static bool IsNotListingLine(string line) =>
        line.Length < 20 || !DumpDate.TryParse(line[..19], out _) || line[19] != ' ';
}
