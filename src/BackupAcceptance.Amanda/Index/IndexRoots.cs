using System.Collections.Concurrent;
using BackupAcceptance.Amanda.Catalogue;

namespace BackupAcceptance.Amanda.Index;

/// <summary>Each configuration's <c>indexdir</c>, asked of <c>amgetconf</c> once per run (<see cref="AmandaParameters"/>):
/// every disk's audit and count needs the answer. Only answers are kept: a failed ask is asked again, so one bad
/// moment does not skip every later audit.</summary>
public sealed class IndexRoots
{
    /// <summary>The run's amgetconf answers, which the index's readers also need (the dump user).</summary>
    public AmandaParameters Parameters { get; } = new();

    private readonly ConcurrentDictionary<string, string> _roots = new(StringComparer.Ordinal);

    /// <summary>The directory, or null with the reason this machine cannot read index files for the config.</summary>
    public async Task<(string? Directory, string Reason)> ForAsync(string config, CancellationToken cancellationToken)
    {
        if (_roots.TryGetValue(config, out var known)) return (known, "");
        var (directory, reason) = await IndexDirectory.RootAsync(config, cancellationToken, Parameters);
        if (directory is not null) _roots[config] = directory;
        return (directory, reason);
    }
}
