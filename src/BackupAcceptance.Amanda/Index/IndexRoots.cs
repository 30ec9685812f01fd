using System.Collections.Concurrent;

namespace BackupAcceptance.Amanda.Index;

/// <summary>Each configuration's <c>indexdir</c>, asked of <c>amgetconf</c> once per run: amgetconf is a Perl
/// program that takes about a quarter of a second to start, and every disk's audit and count needs the answer.
/// Only answers are kept: a failed ask is asked again, so one bad moment does not skip every later audit.</summary>
public sealed class IndexRoots
{
    private readonly ConcurrentDictionary<string, string> _roots = new(StringComparer.Ordinal);

    /// <summary>The directory, or null with the reason this machine cannot read index files for the config.</summary>
    public async Task<(string? Directory, string Reason)> ForAsync(string config, CancellationToken cancellationToken)
    {
        if (_roots.TryGetValue(config, out var known)) return (known, "");
        var (directory, reason) = await IndexDirectory.RootAsync(config, cancellationToken);
        if (directory is not null) _roots[config] = directory;
        return (directory, reason);
    }
}
