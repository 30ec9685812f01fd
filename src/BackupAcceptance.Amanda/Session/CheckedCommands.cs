using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Amanda.Session;

/// <summary>Sends a command and turns any refusal in its reply into an <see cref="AmandaReplyException"/>.</summary>
internal static class CheckedCommands
{
    /// <param name="refusalsOnly">For <c>ls</c>: listing lines are data, so only the other lines can be refusals.</param>
    public static async Task<CommandReply> SendCheckedAsync(this AmrecoverSession session, string command,
        CancellationToken cancellationToken, bool refusalsOnly = false, bool allowGluedPrompt = false)
    {
        var reply = await session.SendAsync(command, cancellationToken, allowGluedPrompt);
        ThrowOnRefusal(session, reply, refusalsOnly);
        return reply;
    }

    public static void ThrowOnRefusal(AmrecoverSession session, CommandReply reply, bool refusalsOnly = false)
    {
        var checkedReply = refusalsOnly ? reply with { Output = string.Join('\n', reply.Lines.Where(IsNotListingLine)) } : reply;
        if (AmandaReplies.FindRefusal(checkedReply) is { } kind)
            throw new AmandaReplyException(kind, Transcript.Utf8(reply.Command), Said(reply), session.Transcript.Tail());
    }

    /// <summary>The reply's words: stdout, then stderr without extract's "NN kb" progress lines.</summary>
    public static string Said(CommandReply reply)
    {
        var stderr = Transcript.Utf8(reply.Stderr).Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !(l.EndsWith(" kb", StringComparison.Ordinal) && l[..^3].All(char.IsAsciiDigit)));
        var said = string.Join('\n', stderr.Select(l => $"(stderr) {l}"));
        return said.Length == 0 ? reply.Text.Trim() : $"{reply.Text.Trim()}\n{said}".Trim();
    }

    private static bool IsNotListingLine(string line) =>
        line.Length < 20 || !DumpDate.TryParse(line[..19], out _) || line[19] != ' ';
}
