using System.Runtime.CompilerServices;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Walking;

/// <summary>
/// Walks the backed-up tree of the session's current disk, depth first, in one session: <c>cd</c> into each
/// directory by the name <c>ls</c> showed, <c>ls</c>, and <c>cd ..</c> back. Entries stream out as they are listed,
/// so a caller can stop at the first match and memory holds only the listings on the current path.
/// The walk starts with <c>setdisk</c> (so at the disk's root, whatever the session did before, at the session's
/// working date), then goes down to <c>below</c> when given; afterwards the session's directory is wherever the
/// walk stopped.
/// </summary>
/// <remarks>
/// Below a directory whose path holds <c>' ` &lt; &gt;</c>, amrecover 3.5.1 cannot enter subdirectories whose index
/// names need escaping (see <see cref="GlobHostilePaths.CannotEnter"/>). Such a subdirectory is not an error of the
/// backup: the walk records it in <see cref="Unreachable"/> and goes on, and callers report the gap. Any other
/// refusal fails the walk.
/// </remarks>
public sealed class DiskWalker(AmrecoverSession session, string disk, RawPath? below = null)
{
    private readonly List<UnreachableDirectory> _unreachable = [];

    /// <summary>Where the walk starts: the disk's root unless a directory was given.</summary>
    public RawPath Start { get; } = below ?? RawPath.Root;

    /// <summary>The listing where the walk starts, read first: it tells the dump date.</summary>
    public DirectoryListing? RootListing { get; private set; }

    /// <summary>Directories listed but not entered because of amrecover's matching bug; their contents are unknown.</summary>
    public IReadOnlyList<UnreachableDirectory> Unreachable => _unreachable;

    /// <exception cref="AmandaReplyException">A refusal, an unreadable index (<see cref="AmandaErrorKind.IndexMissing"/>),
    /// or a start directory that is not in the dump (<see cref="AmandaErrorKind.NotFound"/>).</exception>
    public async IAsyncEnumerable<WalkedEntry> WalkAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var navigator = await TreeNavigator.AtRootAsync(session, disk, cancellationToken);
        RootListing = await navigator.GoToAsync(Start, cancellationToken);

        var stack = new Stack<(RawPath Path, IEnumerator<ListingEntry> Entries)>();
        stack.Push((Start, RootListing.Entries.GetEnumerator()));
        while (stack.Count > 0)
        {
            var (path, entries) = stack.Peek();
            if (!entries.MoveNext())
            {
                stack.Pop();
                if (stack.Count > 0) await session.ChangeToParentAsync(cancellationToken);
                continue;
            }
            var entry = entries.Current;
            var entryPath = path.Append(entry.Name);
            yield return new WalkedEntry(entryPath, entry);
            if (!entry.IsDirectory) continue;

            try
            {
                await session.ChangeDirectoryAsync(entry, path, cancellationToken);
            }
            catch (AmandaReplyException refused) when (refused.Kind == AmandaErrorKind.InvalidDirectory && GlobHostilePaths.CannotEnter(path, entry))
            {
                _unreachable.Add(new UnreachableDirectory(entryPath, refused.Reply));
                continue;
            }
            stack.Push((entryPath, (await session.ListAsync(cancellationToken)).Entries.GetEnumerator()));
        }
    }
}
