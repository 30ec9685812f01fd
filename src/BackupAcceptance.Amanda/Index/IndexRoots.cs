using System.Collections.Concurrent;

namespace BackupAcceptance.Amanda.Index;

/// <summary>Each configuration's <c>indexdir</c>, asked of <c>amgetconf</c> once per run: amgetconf is a Perl
/// program that takes about a quarter of a second to start, and every disk's audit and count needs the answer.</summary>
public sealed class IndexRoots
{
    private readonly ConcurrentDictionary<string, Lazy<Task<(string? Directory, string Reason)>>> _roots = new(StringComparer.Ordinal);

    /// <summary>The directory, or null with the reason this machine cannot read index files for the config.</summary>
    public Task<(string? Directory, string Reason)> ForAsync(string config, CancellationToken cancellationToken) =>
        // Shared by every caller, so not tied to the first one's token; each caller stops waiting when cancelled.
        _roots.GetOrAdd(config, name => new(() => IndexDirectory.RootAsync(name, CancellationToken.None))).Value.WaitAsync(cancellationToken);
}
