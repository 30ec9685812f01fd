namespace BackupAcceptance.Amanda.Session;

/// <summary>One exchange with amrecover: what was sent (null for the start-up banner), what came back, how long it took.
/// Or a note of the suite's between exchanges (<see cref="Note"/>): what the session waited for, not amrecover's words.</summary>
public sealed record TranscriptEntry(DateTimeOffset At, string? Command, string Output, string Stderr, TimeSpan Duration)
{
    public bool IsNote { get; private init; }

    /// <summary>The trace of the work that made it (<see cref="System.Diagnostics.Activity.Current"/>'s trace id when
    /// it was added: the runner starts one per scenario), so a scenario finds its own exchanges in a session that
    /// served others, whatever ran at the same time.</summary>
    public string? Trace { get; init; }

    /// <summary>The suite's own line, e.g. "waited 12.3 s for the tape drive of ba-daily held by PID 4242 (testhost)".</summary>
    public static TranscriptEntry Note(DateTimeOffset at, string text) => new(at, null, text, "", TimeSpan.Zero) { IsNote = true };

    public IEnumerable<string> Lines()
    {
        if (IsNote)
        {
            yield return $"[{At:HH:mm:ss.fff}] (suite: {Output})";
            yield break;
        }
        yield return Command is null
            ? $"[{At:HH:mm:ss.fff}] (start, {Duration.TotalMilliseconds:0} ms)"
            : $"[{At:HH:mm:ss.fff}] amrecover> {Command}   ({Duration.TotalMilliseconds:0} ms)";
        foreach (var line in Output.TrimEnd('\n').Split('\n'))
            if (line.Length > 0) yield return "  " + line;
        foreach (var line in Stderr.TrimEnd('\n').Split('\n'))
            if (line.Length > 0) yield return "  «stderr» " + line;
    }
}
