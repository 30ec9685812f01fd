namespace BackupAcceptance.Restic;

/// <summary>What was asked of restic and what it said on stderr, for a failure's evidence. Standard output is never
/// kept: it carries listings and, for dump, the restored bytes themselves.</summary>
public sealed class ResticTranscript
{
    private const int Kept = 200;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    /// <param name="environment">What the command gets besides its words ("RESTIC_REPOSITORY=/srv/repo"), as it may be shown.</param>
    public void Command(string environment, IEnumerable<string> arguments) => Add($"$ {environment} restic {string.Join(' ', arguments)}");

    /// <summary>A line of stderr; a Go stack trace's frames are left out (restic prints dozens after an error it did
    /// not expect, and they would push its own words out of the tail).</summary>
    public void Error(string line)
    {
        if (!ResticRefusals.IsStackFrame(line)) Add(line);
    }

    public void Exit(int code) => Add($"(exit {code})");

    /// <summary>The last <paramref name="lines"/> lines.</summary>
    public string Tail(int lines = 20)
    {
        lock (_gate) return string.Join('\n', _lines.Skip(Math.Max(0, _lines.Count - lines)));
    }

    private void Add(string line)
    {
        // A line of stderr is restic's own words; control characters would garble the report.
        var printable = new string([.. line.Select(c => char.IsControl(c) ? '?' : c)]);
        lock (_gate)
        {
            _lines.Enqueue(printable);
            while (_lines.Count > Kept) _lines.Dequeue();
        }
    }
}
