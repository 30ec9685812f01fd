using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Walking;

/// <summary>
/// Goes to any directory of a disk by exact names: up with <c>cd ..</c>, down one component at a time by the
/// entry <c>ls</c> showed (amrecover cannot enter non-ASCII paths any other way). Remembers where it is and the
/// listing there, so a run of requests in the same directory costs no extra round trip.
/// </summary>
public sealed class TreeNavigator
{
    private readonly AmrecoverSession _session;
    private RawPath _current = RawPath.Root;
    private DirectoryListing? _listing;

    private TreeNavigator(AmrecoverSession session) => _session = session;

    public RawPath Current => _current;

    /// <summary>Selects <paramref name="disk"/> again, which puts the session at its root.</summary>
    public static async Task<TreeNavigator> AtRootAsync(AmrecoverSession session, string disk, CancellationToken cancellationToken)
    {
        await session.SetDiskAsync(disk, cancellationToken);
        return new TreeNavigator(session);
    }

    /// <summary>A navigator for a session its caller knows is at the disk's root (no setdisk sent), with the root's
    /// listing when the caller has it (no ls sent for it).</summary>
    public static TreeNavigator AtRoot(AmrecoverSession session, DirectoryListing? rootListing) =>
        new(session) { _listing = rootListing };

    /// <summary>Moves to <paramref name="directory"/> and returns its listing.</summary>
    /// <exception cref="AmandaReplyException">A component is not a directory of the dump (<see cref="AmandaErrorKind.NotFound"/>).</exception>
    public async Task<DirectoryListing> GoToAsync(RawPath directory, CancellationToken cancellationToken)
    {
        var common = 0;
        while (common < _current.Components.Count && common < directory.Components.Count &&
               _current.Components[common] == directory.Components[common])
            common++;
        for (var up = _current.Components.Count; up > common; up--)
        {
            await _session.ChangeToParentAsync(cancellationToken);
            _current = _current.Parent;
            _listing = null;
        }
        for (var down = common; down < directory.Components.Count; down++)
        {
            var name = directory.Components[down];
            var listing = await ListAsync(cancellationToken);
            var entry = listing.Directories.FirstOrDefault(e => e.Name == name) ?? throw new AmandaReplyException(
                AmandaErrorKind.NotFound, "cd", $"no directory '{name.Display}' in {_current}", _session.Transcript.Tail());
            await _session.ChangeDirectoryAsync(entry, _current, cancellationToken);
            _current = _current.Append(name);
            _listing = null;
        }
        return await ListAsync(cancellationToken);
    }

    /// <summary>The entry at <paramref name="path"/>, or null when the dump has no such entry.</summary>
    public async Task<ListingEntry?> FindAsync(RawPath path, CancellationToken cancellationToken)
    {
        if (path.IsRoot) throw new ArgumentException("The root is not an entry.", nameof(path));
        try
        {
            var listing = await GoToAsync(path.Parent, cancellationToken);
            return listing.Entries.FirstOrDefault(e => e.Name == path.Name);
        }
        catch (AmandaReplyException missing) when (missing.Kind == AmandaErrorKind.NotFound)
        {
            return null;
        }
    }

    private async Task<DirectoryListing> ListAsync(CancellationToken cancellationToken) =>
        _listing ??= await _session.ListAsync(cancellationToken);
}
