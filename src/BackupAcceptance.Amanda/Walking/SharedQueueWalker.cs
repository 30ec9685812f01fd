using System.Runtime.CompilerServices;
using System.Threading.Channels;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Walking;

/// <summary>
/// Walks a whole disk with several amrecover sessions pulling directories from one shared queue, each directory
/// reached by one absolute <c>cd</c> and listed by one <c>ls</c> (two commands a directory, where a depth-first walk
/// needs three). Splitting by subtree instead leaves one session with most of the work; a shared queue keeps them
/// all busy to the end. Directories with names amrecover cannot take in an absolute path (<see cref="DirectPaths"/>)
/// are walked below their parent, one component at a time, by the session that listed the parent.
/// Extra sessions are started only once the queue is deep enough to pay for their start (about a second each), and
/// every extra session is replaced after <see cref="WalkOptions.RecycleAfter"/> directories: amrecover keeps every
/// listing it fetched, and its memory would otherwise grow with the tree.
/// Entries stream out as they are listed, in no particular order; stopping the enumeration stops the walk.
/// </summary>
/// <param name="first">A session browsing the dump to walk; left at the disk's root afterwards.</param>
/// <param name="startSession">Starts another session browsing the same dump (config, host and working date).</param>
public sealed class SharedQueueWalker(AmrecoverSession first, string disk, Func<CancellationToken, Task<AmrecoverSession>> startSession,
    WalkOptions options)
{
    private sealed record Directory(RawPath Path, string IndexPath);

    private readonly Lock _lock = new();
    private readonly List<UnreachableDirectory> _unreachable = [];
    private readonly Channel<Directory> _queue = Channel.CreateUnbounded<Directory>();
    private Channel<WalkedEntry> _found = Channel.CreateUnbounded<WalkedEntry>();
    private int _outstanding;
    private int _sessionsStarted;
    private int _directoriesListed;
    private long _extraCommands;

    /// <summary>The root listing, read first: it tells the dump date.</summary>
    public DirectoryListing? RootListing { get; private set; }

    /// <summary>Directories listed but not entered because of amrecover's matching bug; their contents are unknown.</summary>
    public IReadOnlyList<UnreachableDirectory> Unreachable
    {
        get { lock (_lock) return [.. _unreachable]; }
    }

    /// <summary>How many amrecover sessions took part, the first one included.</summary>
    public int Sessions => 1 + _sessionsStarted;

    public int DirectoriesListed => _directoriesListed;

    /// <summary>Commands the extra sessions sent (the first session's are in its own transcript).</summary>
    public long ExtraCommands => Interlocked.Read(ref _extraCommands);

    /// <exception cref="AmandaReplyException">A refusal or an unreadable index in any session.</exception>
    /// <exception cref="AmrecoverException">A session died or could not be started.</exception>
    public async IAsyncEnumerable<WalkedEntry> WalkAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _found = Channel.CreateUnbounded<WalkedEntry>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Mount point "/": absolute paths are the index paths, whatever the disk is called.
        await first.SetDiskAsync(disk, cancellationToken, mountPoint: "/");
        RootListing = await first.ListAsync(cancellationToken);
        Interlocked.Increment(ref _directoriesListed);
        _outstanding = 1;
        var supervisor = Task.Run(() => SuperviseAsync(cancellationToken, stop), CancellationToken.None);
        try
        {
            await foreach (var entry in _found.Reader.ReadAllAsync(cancellationToken))
                yield return entry;
        }
        finally
        {
            await stop.CancelAsync();
            await supervisor;
            await RestoreMountPointAsync(cancellationToken);
        }
    }


    /// <summary>Back to amrecover's own mount point, so later commands on the first session (a restore, the next
    /// borrower) see paths as they expect; a session that cannot be put back is killed rather than lent out wrong.</summary>
    private async Task RestoreMountPointAsync(CancellationToken cancellationToken)
    {
        if (!first.IsUsable) return;
        try
        {
            await first.SetDiskAsync(disk, cancellationToken);
        }
        catch (Exception ex) when (ex is AmrecoverException or OperationCanceledException)
        {
            await first.AbortAsync();
        }
    }

    /// <summary>Runs the first session's share, starts extra sessions while the queue is deep, and completes the
    /// output once every worker is done, with the first failure if any. Sessions send their commands with the
    /// caller's token and look at <paramref name="stop"/> only between directories, so a reader that stops early
    /// leaves the first session whole (a cancelled command would kill it).</summary>
    private async Task SuperviseAsync(CancellationToken cancellationToken, CancellationTokenSource stop)
    {
        Exception? failure = null;
        var workers = new List<Task>();
        void Run(Func<Task> work) => workers.Add(Task.Run(async () =>
        {
            try { await work(); }
            catch (Exception ex)
            {
                if (!stop.IsCancellationRequested || ex is not OperationCanceledException)
                    Interlocked.CompareExchange(ref failure, ex, null);
                await stop.CancelAsync();
                _queue.Writer.TryComplete();
            }
        }, CancellationToken.None));

        Run(() => FirstSessionAsync(cancellationToken, stop.Token));
        var extra = 0;
        while (extra < options.Sessions - 1 && !stop.IsCancellationRequested && !_queue.Reader.Completion.IsCompleted)
        {
            if (_queue.Reader.Count >= options.QueueDepthForAnotherSession)
            {
                extra++;
                Run(() => ExtraSessionAsync(cancellationToken, stop.Token));
                continue;
            }
            try { await Task.Delay(TimeSpan.FromMilliseconds(20), stop.Token); }
            catch (OperationCanceledException) { }
        }
        await Task.WhenAll(workers);
        _found.Writer.TryComplete(failure);
    }

    /// <summary>The first session's share of the work: the root listing, then queued directories until none is left.</summary>
    private async Task FirstSessionAsync(CancellationToken cancellationToken, CancellationToken stop)
    {
        await ListedAsync(first, RawPath.Root, "", RootListing!, cancellationToken);
        while (await _queue.Reader.WaitToReadAsync(stop))
            if (_queue.Reader.TryRead(out var directory))
                await VisitAsync(first, directory, cancellationToken);
    }

    /// <summary>An extra session: started, pointed at the disk, then pulling work until the queue closes; replaced
    /// after <see cref="WalkOptions.RecycleAfter"/> directories.</summary>
    private async Task ExtraSessionAsync(CancellationToken cancellationToken, CancellationToken stop)
    {
        while (!_queue.Reader.Completion.IsCompleted && !stop.IsCancellationRequested)
        {
            await using var session = await startSession(stop);
            Interlocked.Increment(ref _sessionsStarted);
            await session.SetDiskAsync(disk, stop, mountPoint: "/");
            var listed = 0;
            while (listed < options.RecycleAfter && await _queue.Reader.WaitToReadAsync(stop))
                if (_queue.Reader.TryRead(out var directory))
                    listed += await VisitAsync(session, directory, cancellationToken);
            Interlocked.Add(ref _extraCommands, session.Transcript.Count);
        }
    }

    /// <summary>Enters and lists one queued directory, walking its awkward subdirectories at once.</summary>
    /// <returns>How many directories this visit listed.</returns>
    private async Task<int> VisitAsync(AmrecoverSession session, Directory directory, CancellationToken cancellationToken)
    {
        await session.ChangeDirectoryToAsync(directory.IndexPath, cancellationToken);
        var listing = await session.ListAsync(cancellationToken);
        Interlocked.Increment(ref _directoriesListed);
        return 1 + await ListedAsync(session, directory.Path, directory.IndexPath, listing, cancellationToken);
    }

    /// <summary>Hands out a listing's entries and queues its plain subdirectories; the others are walked here, from
    /// this directory, before the directory counts as done.</summary>
    private async Task<int> ListedAsync(AmrecoverSession session, RawPath path, string indexPath, DirectoryListing listing,
        CancellationToken cancellationToken)
    {
        var listed = 0;
        var awkward = new List<ListingEntry>();
        foreach (var entry in listing.Entries)
        {
            await _found.Writer.WriteAsync(new WalkedEntry(path.Append(entry.Name), entry), cancellationToken);
            if (!entry.IsDirectory) continue;
            if (DirectPaths.IsPlain(entry.IndexName))
            {
                Interlocked.Increment(ref _outstanding);
                await _queue.Writer.WriteAsync(new Directory(path.Append(entry.Name), indexPath + "/" + entry.IndexName), cancellationToken);
            }
            else awkward.Add(entry);
        }
        foreach (var entry in awkward)
            listed += await DescendAsync(session, path, entry, cancellationToken);
        if (Interlocked.Decrement(ref _outstanding) == 0) _queue.Writer.TryComplete();
        return listed;
    }

    /// <summary>Depth first below an awkward directory, by relative <c>cd</c> from <paramref name="parent"/> and back
    /// with <c>cd ..</c>, as <see cref="DiskWalker"/> does.</summary>
    private async Task<int> DescendAsync(AmrecoverSession session, RawPath parent, ListingEntry entry, CancellationToken cancellationToken)
    {
        var path = parent.Append(entry.Name);
        try
        {
            await session.ChangeDirectoryAsync(entry, parent, cancellationToken);
        }
        catch (AmandaReplyException refused) when (refused.Kind == AmandaErrorKind.InvalidDirectory && GlobHostilePaths.CannotEnter(parent, entry))
        {
            lock (_lock) _unreachable.Add(new UnreachableDirectory(path, refused.Reply));
            return 0;
        }
        var listing = await session.ListAsync(cancellationToken);
        Interlocked.Increment(ref _directoriesListed);
        var listed = 1;
        foreach (var child in listing.Entries)
        {
            await _found.Writer.WriteAsync(new WalkedEntry(path.Append(child.Name), child), cancellationToken);
            if (child.IsDirectory) listed += await DescendAsync(session, path, child, cancellationToken);
        }
        await session.ChangeToParentAsync(cancellationToken);
        return listed;
    }
}
