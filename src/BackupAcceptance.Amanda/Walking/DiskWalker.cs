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
/// working date); afterwards the session's directory is wherever the walk stopped.
/// </summary>
/// <remarks>
/// Below a directory whose path holds <c>' ` &lt; &gt;</c>, amrecover 3.5.1 can enter only subdirectories whose
/// index names need no escaping (see <see cref="GlobHostilePaths"/>). Such a subdirectory is not an error of the
/// backup: the walk records it in <see cref="Unreachable"/> and goes on, and callers report the gap.
/// </remarks>
public sealed class DiskWalker(AmrecoverSession session, string disk)
{
    private readonly List<UnreachableDirectory> _unreachable = [];

    /// <summary>The listing of the disk's root, read when the walk starts: it tells "no dump" and the dump date.</summary>
    public DirectoryListing? RootListing { get; private set; }

    /// <summary>Directories listed but not entered because of amrecover's matching bug; their contents are unknown.</summary>
    public IReadOnlyList<UnreachableDirectory> Unreachable => _unreachable;

    public async IAsyncEnumerable<WalkedEntry> WalkAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await session.SetDiskAsync(disk, cancellationToken);
        RootListing = await session.ListAsync(cancellationToken);
        if (!RootListing.HasDump) yield break;

        var stack = new Stack<(RawPath Path, IEnumerator<ListingEntry> Entries)>();
        stack.Push((RawPath.Root, RootListing.Entries.GetEnumerator()));
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
            catch (AmandaReplyException refused) when (refused.Kind == AmandaErrorKind.InvalidDirectory && GlobHostilePaths.Contains(path))
            {
                _unreachable.Add(new UnreachableDirectory(entryPath, refused.Reply));
                continue;
            }
            var listing = await session.ListAsync(cancellationToken);
            // A directory that was listed always shows its "." line; nothing at all means its index could not be
            // read, and skipping it silently could turn a broken backup green.
            if (!listing.HasDump)
                throw new AmandaReplyException(AmandaErrorKind.Rejected, "ls", $"no listing for {entryPath} (its index could not be read)",
                    session.Transcript.Tail());
            stack.Push((entryPath, listing.Entries.GetEnumerator()));
        }
    }
}
