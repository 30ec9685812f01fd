using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// The exchanges of one amrecover session, kept for failure messages and report attachments, in a bounded window: a
/// pooled session lives the whole run and a walk of a large disk makes thousands of exchanges, so only the newest
/// <c>capacity</c> exchanges and at most <see cref="CharacterBudget"/> characters are kept, and the rest counted. One
/// output larger than <see cref="EntryCharacterLimit"/> (an <c>ls</c> of a directory of 20,000 files) is kept as its
/// head and tail with a line that says what was cut. Text is shown as UTF-8; amrecover's bytes are converted only here.
/// Exchanges are numbered from 0 in the order they were added: <see cref="Count"/> is the number of the next one, so a
/// reader takes it as a mark and later asks for its own part with <see cref="Since(long)"/>.
/// </summary>
public sealed class Transcript
{
    /// <summary>The most characters of one exchange's output (or stderr) kept: the first quarter and the last three.</summary>
    public const int EntryCharacterLimit = 16 * 1024;

    /// <summary>Characters the window keeps per exchange of capacity, on average (a session's default: 2,000 exchanges,
    /// 256 K characters, about 0.5 MB).</summary>
    public const int CharactersPerExchange = 128;

    private readonly Queue<TranscriptEntry> _entries = new();
    private readonly Lock _lock = new();
    private readonly int _capacity;
    private long _dropped;
    private long _characters;
    private DateTimeOffset? _lastDroppedAt;
    // Dropped exchanges counted per trace, for the most recent traces only: a run's session serves thousands.
    private readonly Dictionary<string, long> _droppedByTrace = [];
    private readonly Queue<string> _traces = new();
    private const int TracesRemembered = 256;

    public Transcript(int capacity) : this(capacity, Math.Max(64 * 1024, (long)capacity * CharactersPerExchange)) { }

    public Transcript(int capacity, long characterBudget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(characterBudget, 1);
        _capacity = capacity;
        CharacterBudget = characterBudget;
    }

    /// <summary>The most characters of output the window holds; the newest exchange is always kept.</summary>
    public long CharacterBudget { get; }

    /// <summary>Every exchange ever added, kept or not: the number the next one will get.</summary>
    public long Count { get { lock (_lock) return _entries.Count + _dropped; } }

    /// <summary>Exchanges the window no longer holds (the oldest).</summary>
    public long Dropped { get { lock (_lock) return _dropped; } }

    /// <summary>Characters of output the window holds now.</summary>
    public long Characters { get { lock (_lock) return _characters; } }

    private long _floor;

    /// <summary>Where the current borrower's exchanges begin: a pooled session serves disk after disk, and a failure
    /// message must never show another disk's listing as if it were this one's. <see cref="Tail"/> starts here.</summary>
    public long Floor { get { lock (_lock) return _floor; } }

    /// <summary>A new borrower (another disk or scenario) starts here: <see cref="Tail"/> shows only what follows.</summary>
    public void BeginBorrower()
    {
        lock (_lock) _floor = _entries.Count + _dropped;
    }

    public void Add(TranscriptEntry entry)
    {
        entry = Bounded(entry);
        if (entry.Trace is null && Activity.Current is { } activity) entry = entry with { Trace = activity.TraceId.ToHexString() };
        lock (_lock)
        {
            _entries.Enqueue(entry);
            _characters += Size(entry);
            while (_entries.Count > _capacity || (_characters > CharacterBudget && _entries.Count > 1))
            {
                var dropped = _entries.Dequeue();
                _characters -= Size(dropped);
                _dropped++;
                _lastDroppedAt = dropped.At;
                if (dropped.Trace is { } trace) CountDropped(trace);
            }
        }
    }

    private void CountDropped(string trace)
    {
        if (_droppedByTrace.TryGetValue(trace, out var count)) { _droppedByTrace[trace] = count + 1; return; }
        _droppedByTrace[trace] = 1;
        _traces.Enqueue(trace);
        if (_traces.Count > TracesRemembered) _droppedByTrace.Remove(_traces.Dequeue());
    }

    /// <summary>The exchanges made under <paramref name="trace"/> (a scenario's) that the window holds, and how many of
    /// them it dropped.</summary>
    public TranscriptPart Of(string trace)
    {
        lock (_lock)
            return new TranscriptPart([.. _entries.Where(e => e.Trace == trace)], _droppedByTrace.GetValueOrDefault(trace));
    }

    public IReadOnlyList<TranscriptEntry> Entries { get { lock (_lock) return _entries.ToArray(); } }

    /// <summary>The exchanges numbered <paramref name="mark"/> and later that the window still holds, and how many of
    /// them it no longer does.</summary>
    public TranscriptPart Since(long mark)
    {
        lock (_lock)
        {
            var skip = Math.Max(0, mark - _dropped);
            return new TranscriptPart([.. _entries.Skip((int)Math.Min(skip, int.MaxValue))], Math.Max(0, _dropped - Math.Max(0, mark)));
        }
    }

    /// <summary>The exchanges made at or after <paramref name="since"/> (a session is lent to one scenario at a time,
    /// so from a scenario's start on they are its own). When the window dropped some of them, their number is not
    /// known (only their times tell them apart): the part says so instead of guessing.</summary>
    public TranscriptPart Since(DateTimeOffset since)
    {
        lock (_lock)
        {
            var kept = _entries.SkipWhile(e => e.At < since).ToArray();
            var lost = _lastDroppedAt is { } last && last >= since;
            return new TranscriptPart(kept, lost ? null : 0);
        }
    }

    /// <summary>The number of the first exchange made at or after <paramref name="since"/>, as far as the window
    /// tells: exact unless the window dropped exchanges made since then.</summary>
    public long MarkAt(DateTimeOffset since)
    {
        lock (_lock)
        {
            var before = _entries.TakeWhile(e => e.At < since).Count();
            return _dropped + before;
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of the current borrower's exchanges (<see cref="Floor"/>), as a
    /// person reads them.</summary>
    public string Tail(int lines = 25)
    {
        TranscriptEntry[] own;
        lock (_lock)
        {
            var skip = (int)Math.Clamp(_floor - _dropped, 0, _entries.Count);
            own = _entries.Skip(skip).ToArray();
        }
        var all = own.SelectMany(e => e.Lines()).ToList();
        return string.Join('\n', all.Skip(Math.Max(0, all.Count - lines)));
    }

    /// <summary>The whole window, as a person reads it: the exchanges it holds, after a line counting those it no longer
    /// does. Bounded by the window, never by the session's age.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        long dropped;
        lock (_lock) dropped = _dropped;
        if (dropped > 0) text.AppendLine(CultureInfo.InvariantCulture, $"({dropped} earlier exchanges not kept)");
        foreach (var line in Entries.SelectMany(e => e.Lines())) text.AppendLine(line);
        return text.ToString();
    }

    internal static string Utf8(string latin1) => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1));

    private static long Size(TranscriptEntry entry) => entry.Output.Length + entry.Stderr.Length + (entry.Command?.Length ?? 0);

    /// <summary>The exchange with an output or stderr over <see cref="EntryCharacterLimit"/> cut to its head and tail
    /// (whole lines), with a line in between that counts and digests what was left out.</summary>
    private static TranscriptEntry Bounded(TranscriptEntry entry) =>
        entry.Output.Length <= EntryCharacterLimit && entry.Stderr.Length <= EntryCharacterLimit ? entry
            : entry with { Output = TranscriptCut.Middle(entry.Output, EntryCharacterLimit), Stderr = TranscriptCut.Middle(entry.Stderr, EntryCharacterLimit) };
}
