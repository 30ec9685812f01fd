namespace BackupAcceptance.Amanda.Session;

/// <summary>One exchange with amrecover: what was sent (null for the start-up banner), what came back, how long it took.</summary>
public sealed record TranscriptEntry(DateTimeOffset At, string? Command, string Output, string Stderr, TimeSpan Duration)
{
    public IEnumerable<string> Lines()
    {
        yield return Command is null
            ? $"[{At:HH:mm:ss.fff}] (start, {Duration.TotalMilliseconds:0} ms)"
            : $"[{At:HH:mm:ss.fff}] amrecover> {Command}   ({Duration.TotalMilliseconds:0} ms)";
        foreach (var line in Output.TrimEnd('\n').Split('\n'))
            if (line.Length > 0) yield return "  " + line;
        foreach (var line in Stderr.TrimEnd('\n').Split('\n'))
            if (line.Length > 0) yield return "  «stderr» " + line;
    }
}
