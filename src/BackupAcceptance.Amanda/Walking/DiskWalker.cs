using System.Runtime.CompilerServices;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Walking;

/// <summary>
/// Walks the backed-up tree of the session's current disk, depth first, in one session: <c>cd</c> into each
/// directory by the name <c>ls</c> showed, <c>ls</c>, and <c>cd ..</c> back. Entries stream out as they are listed,
/// so a caller can stop at the first match and memory holds only the listings on the current path.
/// The walk starts at the disk's root; afterwards the session's directory is wherever the walk stopped.
/// </summary>
public sealed class DiskWalker(AmrecoverSession session)
{
    /// <summary>The listing of the disk's root, read when the walk starts: it tells "no dump" and the dump date.</summary>
    public DirectoryListing? RootListing { get; private set; }

    public async IAsyncEnumerable<WalkedEntry> WalkAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
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

            await session.ChangeDirectoryAsync(entry, cancellationToken);
            var listing = await session.ListAsync(cancellationToken);
            stack.Push((entryPath, listing.Entries.GetEnumerator()));
        }
    }
}
