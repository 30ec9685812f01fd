using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;

namespace BackupAcceptance.Amanda.Restoring;

/// <summary>
/// Restores chosen files of a disk into a <see cref="RestoreArea"/>: starts from an empty extraction list, adds each
/// file from its own directory (by the exact entry <c>ls</c> showed), and extracts once.
/// </summary>
/// <remarks>
/// amrecover 3.5.1 cannot <c>add</c> inside some directories: it turns the current path into a GNU regex by putting a
/// backslash before every punctuation character, and <c>\'</c>, <c>\`</c>, <c>\&lt;</c>, <c>\&gt;</c> are GNU regex
/// operators, so nothing below a directory named <c>quote'dir</c> ever matches. When a listed file cannot be added,
/// the restorer adds its directory from the parent instead, climbing to the disk's root if needed (the root is
/// matched without that regex). The extra files land in the same private area and are reported.
/// </remarks>
public sealed class Restorer(AmrecoverSession session, string disk)
{
    /// <summary>How long each step of the extract may take (tape load, then tar): the session's
    /// <see cref="AmrecoverOptions.ExtractTimeout"/> unless set.</summary>
    public TimeSpan ExtractTimeout { get; init; } = session.Options.ExtractTimeout;

    public async Task<RestoreReport> RestoreAsync(IReadOnlyCollection<RawPath> files, RestoreArea area, CancellationToken cancellationToken)
    {
        if (files.Count == 0) throw new ArgumentException("Nothing to restore.", nameof(files));
        var navigator = await TreeNavigator.AtRootAsync(session, disk, cancellationToken);
        await session.ClearAsync(cancellationToken);
        await session.LocalChangeDirectoryAsync(area.Path, cancellationToken);
        var wholeDirectories = new List<RawPath>();
        foreach (var directory in files.GroupBy(f => f.Parent).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal))
        {
            if (wholeDirectories.Any(added => IsWithin(directory.Key, added))) continue;
            var listing = await navigator.GoToAsync(directory.Key, cancellationToken);
            foreach (var file in directory)
            {
                var entry = listing.Files.FirstOrDefault(e => e.Name == file.Name) ?? throw new AmandaReplyException(
                    AmandaErrorKind.NotFound, "add", $"no file '{file.Name.Display}' in {directory.Key}", session.Transcript.Tail());
                try
                {
                    await session.AddAsync(entry, cancellationToken);
                }
                catch (AmandaReplyException refused) when (refused.Kind == AmandaErrorKind.NotFound && !directory.Key.IsRoot)
                {
                    wholeDirectories.Add(await AddEnclosingDirectoryAsync(navigator, directory.Key, cancellationToken));
                    break;
                }
            }
        }
        var report = await session.ExtractAsync(area.Path, cancellationToken, ExtractTimeout, session.Options.ExtractStallTimeout);
        return new RestoreReport(report, wholeDirectories);
    }

    /// <summary>The whole disk: <c>add .</c> at its root, one extract.</summary>
    public async Task<RestoreReport> RestoreWholeDiskAsync(RestoreArea area, CancellationToken cancellationToken)
    {
        var navigator = await TreeNavigator.AtRootAsync(session, disk, cancellationToken);
        var root = await navigator.GoToAsync(RawPath.Root, cancellationToken);
        if (root.Entries.Count == 0) throw new ArgumentException("The disk's dump holds nothing to restore.", nameof(area));
        await session.ClearAsync(cancellationToken);
        await session.LocalChangeDirectoryAsync(area.Path, cancellationToken);
        // Not each top-level entry by name: then tar never reads the root's record, and a directory renamed before an
        // incremental comes back under its old name (seen on a copy of /usr/include).
        await session.AddWholeDiskAsync(cancellationToken);
        var report = await session.ExtractAsync(area.Path, cancellationToken, ExtractTimeout, session.Options.ExtractStallTimeout);
        return new RestoreReport(report, []);
    }

    /// <summary>Adds <paramref name="directory"/> from its parent, or the nearest ancestor amrecover accepts.</summary>
    private async Task<RawPath> AddEnclosingDirectoryAsync(TreeNavigator navigator, RawPath directory, CancellationToken cancellationToken)
    {
        for (var candidate = directory; ; candidate = candidate.Parent)
        {
            var listing = await navigator.GoToAsync(candidate.Parent, cancellationToken);
            var entry = listing.Directories.First(e => e.Name == candidate.Name);
            try
            {
                await session.AddAsync(entry, cancellationToken);
                return candidate;
            }
            catch (AmandaReplyException refused) when (refused.Kind == AmandaErrorKind.NotFound && !candidate.Parent.IsRoot)
            {
                // Its parent is unreachable for add as well: climb.
            }
        }
    }

    private static bool IsWithin(RawPath path, RawPath ancestor) =>
        path.Components.Count >= ancestor.Components.Count && path.Prefix(ancestor.Components.Count) == ancestor;
}
