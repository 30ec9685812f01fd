using System.Text;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// Every exchange of one amrecover session, kept for failure messages and report attachments. Bounded: a walk of
/// a large disk makes thousands of exchanges, so only the newest <c>capacity</c> are kept and the rest counted.
/// Text is shown as UTF-8; amrecover's bytes are converted only here.
/// </summary>
public sealed class Transcript(int capacity)
{
    private readonly Queue<TranscriptEntry> _entries = new();
    private readonly Lock _lock = new();
    private long _dropped;

    public long Count { get { lock (_lock) return _entries.Count + _dropped; } }

    public void Add(TranscriptEntry entry)
    {
        lock (_lock)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > capacity) { _entries.Dequeue(); _dropped++; }
        }
    }

    public IReadOnlyList<TranscriptEntry> Entries { get { lock (_lock) return _entries.ToArray(); } }

    /// <summary>The last <paramref name="lines"/> lines, as a person reads them.</summary>
    public string Tail(int lines = 25)
    {
        var all = Entries.SelectMany(e => e.Lines()).ToList();
        return string.Join('\n', all.Skip(Math.Max(0, all.Count - lines)));
    }

    public string Render()
    {
        var text = new StringBuilder();
        long dropped;
        lock (_lock) dropped = _dropped;
        if (dropped > 0) text.AppendLine($"({dropped} earlier exchanges not kept)");
        foreach (var line in Entries.SelectMany(e => e.Lines())) text.AppendLine(line);
        return text.ToString();
    }

    internal static string Utf8(string latin1) => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1));
}
