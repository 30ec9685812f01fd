using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>What the index server knows: hosts, disks, the dumps of a disk, and the working date.</summary>
public static class CatalogueCommands
{
    /// <summary><c>listhost</c>: the hosts of the session's configuration.</summary>
    public static async Task<IReadOnlyList<string>> ListHostsAsync(this AmrecoverSession session, CancellationToken cancellationToken) =>
        Items(await session.SendCheckedAsync("listhost", cancellationToken));

    /// <summary><c>listdisk</c>: the disks (DLEs) of the current host, dumped or not.</summary>
    public static async Task<IReadOnlyList<string>> ListDisksAsync(this AmrecoverSession session, CancellationToken cancellationToken) =>
        Items(await session.SendCheckedAsync("listdisk", cancellationToken));

    /// <summary><c>history</c>: every retained dump of the current disk, newest first (not limited by the working date).</summary>
    public static async Task<IReadOnlyList<DumpRecord>> HistoryAsync(this AmrecoverSession session, CancellationToken cancellationToken)
    {
        var reply = await session.SendCheckedAsync("history", cancellationToken);
        var records = new List<DumpRecord>();
        foreach (var line in reply.Lines)
            if (HistoryLine.TryParse(line, out var record)) records.Add(record);
        return records;
    }

    /// <summary><c>setdate</c>: browse the newest dump on or before <paramref name="date"/>. With a disk set and no
    /// dump that old, raises <see cref="AmandaErrorKind.NoDump"/>.</summary>
    public static async Task SetDateAsync(this AmrecoverSession session, DumpDate date, CancellationToken cancellationToken) =>
        // Date errors come without a newline, the prompt glued on; a typed date never triggers them, but allow it.
        await session.SendCheckedAsync($"setdate {date.SetDateArgument}", cancellationToken, allowGluedPrompt: true);

    private static IReadOnlyList<string> Items(CommandReply reply) =>
        reply.Lines.Where(l => l.StartsWith("201- ", StringComparison.Ordinal))
            .Select(l => Transcript.Utf8(AmandaQuoting.Unquote(l[5..].Trim())))
            .ToList();
}
