using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace BackupAcceptance.Expectations.Counts;

/// <summary>
/// The walks through amrecover in flight, with what each has seen so far: a long walk of a big disk takes minutes, and
/// a person at a terminal wants to see it move (run.sh shows <see cref="Line"/> once a second). Thread-safe; a walk
/// that ends leaves no trace.
/// </summary>
public sealed class WalkProgress
{
    private sealed class Walk(BackupTarget target)
    {
        public BackupTarget Target { get; } = target;
        public Stopwatch Clock { get; } = Stopwatch.StartNew();
        public int Directories;
        public int Files;
    }

    private readonly ConcurrentDictionary<object, Walk> _walks = new();

    /// <summary>Starts following a walk; dispose the handle when it ends, however it ends.</summary>
    public Handle Begin(BackupTarget target)
    {
        var key = new object();
        _walks[key] = new Walk(target);
        return new Handle(this, key);
    }

    /// <summary>"walking ba-daily localhost:/big: 1,203 dirs, 12,034 files, 14 s", one part per walk in flight, or "".</summary>
    public string Line() => string.Join("; ", _walks.Values.OrderBy(w => w.Target.ToString(), StringComparer.Ordinal).Select(w =>
        string.Create(CultureInfo.InvariantCulture,
            $"walking {w.Target}: {Volatile.Read(ref w.Directories):N0} dirs, {Volatile.Read(ref w.Files):N0} files, {w.Clock.Elapsed.TotalSeconds:0} s")));

    public readonly struct Handle(WalkProgress progress, object key) : IDisposable
    {
        public void Saw(bool isDirectory)
        {
            if (progress is null || !progress._walks.TryGetValue(key, out var walk)) return; // default: nobody follows
            if (isDirectory) Interlocked.Increment(ref walk.Directories);
            else Interlocked.Increment(ref walk.Files);
        }

        public void Dispose() => progress?._walks.TryRemove(key, out _);
    }
}
