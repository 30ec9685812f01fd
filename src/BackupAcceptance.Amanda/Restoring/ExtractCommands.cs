using System.Text;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Amanda.Restoring;

/// <summary>
/// The restore side of amrecover: the extraction list (<c>add</c>, <c>list</c>, <c>clear</c>), the local directory
/// (<c>lcd</c>, <c>lpwd</c>) and <c>extract</c> with its questions. Restores go only into a directory the caller
/// names: extract's "Restoring files into directory X" is confirmed only when X is exactly that directory.
/// </summary>
public static class ExtractCommands
{
    private const string RestoringInto = "Restoring files into directory ";

    /// <summary>Adds one entry of the current directory (a file, or a directory with everything below it).</summary>
    /// <exception cref="AmandaReplyException">Not added (<see cref="AmandaErrorKind.NotFound"/> when amrecover found no match).</exception>
    public static async Task AddAsync(this AmrecoverSession session, ListingEntry entry, CancellationToken cancellationToken)
    {
        var reply = await session.SendAsync($"add {AmrecoverArgument.Pattern(entry.IndexName)}", cancellationToken);
        // Checked positively, like cd: "Added file …", "Added dir …", or already on the list.
        if (reply.Lines.Any(l => l.StartsWith("Added ", StringComparison.Ordinal) || l.EndsWith(" already added", StringComparison.Ordinal)))
            return;
        var kind = AmandaReplies.FindRefusal(reply) ?? AmandaErrorKind.Rejected;
        throw new AmandaReplyException(kind, Transcript.Utf8(reply.Command), reply.Text.Trim(), session.Transcript.Tail());
    }

    /// <summary><c>add .</c> at the disk's root: the whole disk, as a person restores it. Only then does tar extract the
    /// root's own directory record and apply what it says: the deletions and the renames of the dump.</summary>
    public static async Task AddWholeDiskAsync(this AmrecoverSession session, CancellationToken cancellationToken)
    {
        var reply = await session.SendAsync("add .", cancellationToken);
        if (reply.Lines.Any(l => l.StartsWith("Added dir /. ", StringComparison.Ordinal))) return;
        var kind = AmandaReplies.FindRefusal(reply) ?? AmandaErrorKind.Rejected;
        throw new AmandaReplyException(kind, reply.Command, reply.Text.Trim(), session.Transcript.Tail());
    }

    public static async Task ClearAsync(this AmrecoverSession session, CancellationToken cancellationToken) =>
        await session.SendCheckedAsync("clear", cancellationToken);

    /// <summary><c>list</c>: the extraction list as amrecover prints it (tape lines, then one tab-indented path each).</summary>
    public static async Task<IReadOnlyList<string>> ListExtractionAsync(this AmrecoverSession session, CancellationToken cancellationToken) =>
        (await session.SendCheckedAsync("list", cancellationToken)).Lines.Select(Transcript.Utf8).ToList();

    /// <summary><c>lcd</c>, then <c>lpwd</c> to prove it: lcd reports failure only on stderr.</summary>
    public static async Task LocalChangeDirectoryAsync(this AmrecoverSession session, string directory, CancellationToken cancellationToken)
    {
        var reply = await session.SendCheckedAsync($"lcd {AmrecoverArgument.Literal(directory)}", cancellationToken);
        var check = await session.SendCheckedAsync("lpwd", cancellationToken);
        var now = check.Text.Trim();
        if (now != directory)
        {
            // lcd's perror may arrive after its prompt, so it can sit with lpwd's reply.
            var said = Transcript.Utf8(reply.Stderr + check.Stderr).Trim();
            throw new AmandaReplyException(AmandaErrorKind.Rejected, reply.Command,
                $"lcd left amrecover in '{now}', not '{directory}'. {said}", session.Transcript.Tail());
        }
    }

    public static async Task<string> LocalWorkingDirectoryAsync(this AmrecoverSession session, CancellationToken cancellationToken) =>
        (await session.SendCheckedAsync("lpwd", cancellationToken)).Text.Trim();

    /// <summary>
    /// Extracts the list into <paramref name="directory"/> (where <c>lcd</c> must have put amrecover), answering the
    /// tape question with Y and the restore question with Y only for that very directory. Any other question, or
    /// another directory, kills the session: never answer <c>n</c> there, amrecover 3.5.1 then crashes.
    /// </summary>
    /// <param name="timeout">Bounds each step (tape load, then tar); null: the command timeout.</param>
    /// <param name="stall">Bounds a step without progress (no byte read by amrecover's processes); null: not watched.</param>
    /// <exception cref="AmrecoverTimeoutException">A step ran past its bound, or stalled.</exception>
    public static async Task<ExtractReport> ExtractAsync(this AmrecoverSession session, string directory,
        CancellationToken cancellationToken, TimeSpan? timeout = null, TimeSpan? stall = null)
    {
        await using var watch = ExtractStallWatch.Start(session.ProcessId, stall, cancellationToken);
        try
        {
            return await ExtractWatchedAsync(session, directory, watch.Token, timeout);
        }
        catch (OperationCanceledException) when (watch.Stalled && !cancellationToken.IsCancellationRequested)
        {
            throw new AmrecoverTimeoutException(
                $"amrecover ({session.Config}, host {session.Host}) read no data for {stall!.Value.TotalSeconds:0.#} s during extract " +
                "(BACKUP_ACCEPTANCE_EXTRACT_STALL): the tape server or tar stalled; its process tree was killed.", session.Transcript.Tail());
        }
    }

    private static async Task<ExtractReport> ExtractWatchedAsync(AmrecoverSession session, string directory,
        CancellationToken cancellationToken, TimeSpan? timeout)
    {
        var sentAt = DateTime.Now;
        var reply = await session.SendAsync("extract", cancellationToken, acceptQuestions: true, timeout: timeout);
        var output = new StringBuilder(reply.Output);
        var stderr = new StringBuilder(reply.Stderr);
        try
        {
            reply = await AnswerQuestionsAsync(session, directory, reply, output, stderr, cancellationToken, timeout);
        }
        catch (Exception) when (session.IsUsable)
        {
            // Cancelled or failed while amrecover waits at a question: its next line would be read as an answer.
            await session.AbortAsync();
            throw;
        }
        // The extractor's failure shows only in words: "Extractor child exited with status N" on stdout, tar's
        // complaints on stderr, which may still be on their way when the prompt is back. The prompt comes back
        // either way; after a failed extractor the session is dropped, so no late word of it lands on another command.
        stderr.Append(await session.TakeLateStderrAsync(cancellationToken));
        var whole = reply with { Output = output.ToString(), Stderr = stderr.ToString() };
        if (AmandaReplies.FindRefusal(whole) is { } kind)
        {
            if (kind == AmandaErrorKind.ExtractFailed) await session.AbortAsync(); // the extractor ran and failed
            // Transcript.Utf8: the words quote restored names, which are bytes read as Latin-1 until shown.
            throw new AmandaReplyException(kind, "extract", Transcript.Utf8(string.Join("\n", AmandaReplies.FailureLines(whole))), session.Transcript.Tail())
            {
                SentAt = sentAt,
            };
        }
        var tarLines = output.ToString().Split('\n').Where(l => l.StartsWith("./", StringComparison.Ordinal)).ToList();
        return new ExtractReport(Transcript.Utf8(output.ToString()), tarLines, Transcript.Utf8(stderr.ToString())) { SentAt = sentAt };
    }

    private static async Task<CommandReply> AnswerQuestionsAsync(AmrecoverSession session, string directory, CommandReply reply,
        StringBuilder output, StringBuilder stderr, CancellationToken cancellationToken, TimeSpan? timeout)
    {
        while (reply.End == FrameEnd.Question)
        {
            var lines = reply.Output.Split('\n');
            var question = lines[^1];
            if (question.StartsWith("Continue [?/Y/n/s/d]", StringComparison.Ordinal) && reply.Output.Contains("Load tape ", StringComparison.Ordinal))
            {
                // "Load tape <label> now": the changer loads it.
            }
            else if (question.StartsWith("Continue [?/Y/n]", StringComparison.Ordinal) &&
                     lines.LastOrDefault(l => l.StartsWith(RestoringInto, StringComparison.Ordinal)) is { } target)
            {
                var into = target[RestoringInto.Length..];
                if (into != directory)
                    await RefuseAsync(session, $"amrecover would restore into '{Transcript.Utf8(into)}', not the private directory '{directory}'");
            }
            else
            {
                await RefuseAsync(session, $"amrecover asked an unexpected question: '{Transcript.Utf8(question)}'");
            }
            reply = await session.AnswerAsync("Y", cancellationToken, timeout);
            output.Append(reply.Output);
            stderr.Append(reply.Stderr);
        }
        return reply;
    }

    private static async Task RefuseAsync(AmrecoverSession session, string why)
    {
        await session.AbortAsync();
        throw new AmrecoverException($"{why}; the session was killed instead of answering.", session.Transcript.Tail());
    }
}
