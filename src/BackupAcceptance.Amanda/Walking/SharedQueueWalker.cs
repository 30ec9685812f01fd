using System.Runtime.CompilerServices;
using System.Threading.Channels;
using BackupAcceptance.Amanda.Catalogue;
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
/// every session's work moves to a fresh one after a bounded share (<see cref="WalkOptions.Spent"/>): amrecover keeps
/// what it listed (about 80 KB a directory and 3 KB an entry), and its memory would otherwise grow with the tree.
/// Entries stream out as they are listed, in no particular order; stopping the enumeration stops the walk.
/// </summary>
/// <param name="first">A session browsing the dump to walk; left at the disk's root afterwards.</param>
/// <param name="startSession">Starts another session of the same config and host; the walker sets its date and disk.</param>
public sealed class SharedQueueWalker(AmrecoverSession first, string disk, Func<CancellationToken, Task<AmrecoverSession>> startSession,
    WalkOptions options)
{
    private sealed record Directory(RawPath Path, string IndexPath);

    /// <summary>What a session has listed so far: what amrecover's memory grows with.</summary>
    private readonly record struct Listed(int Directories, int Entries)
    {
        public static Listed operator +(Listed a, Listed b) => new(a.Directories + b.Directories, a.Entries + b.Entries);
    }

    private readonly Lock _lock = new();
    private readonly List<UnreachableDirectory> _unreachable = [];
    private readonly Channel<Directory> _queue = Channel.CreateUnbounded<Directory>();
    private Channel<WalkedEntry> _found = Channel.CreateUnbounded<WalkedEntry>();
    private int _outstanding;
    private int _sessionsStarted;
    private long _extraCommands;

    /// <summary>The root listing, read first: it tells the dump date.</summary>
    public DirectoryListing? RootListing { get; private set; }

    /// <summary>Directories listed but not entered because of amrecover's matching bug; their contents are unknown.</summary>
    public IReadOnlyList<UnreachableDirectory> Unreachable
    {
        get { lock (_lock) return [.. _unreachable]; }
    }

    /// <summary>How many amrecover sessions took part, the first one and every replacement included.</summary>
    public int Sessions => 1 + _sessionsStarted;

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
        var listed = await ListedAsync(first, RawPath.Root, "", RootListing!, cancellationToken) + new Listed(1, RootListing!.Entries.Count);
        await WorkAsync(first, listed, cancellationToken, stop);
    }

    /// <summary>An extra session: started, pointed at the disk, then pulling work until the queue closes.</summary>
    private async Task ExtraSessionAsync(CancellationToken cancellationToken, CancellationToken stop) =>
        await WorkAsync(await StartAtDiskAsync(stop), default, cancellationToken, stop);

    /// <summary>Pulls directories until the queue closes. Once a session has listed enough (<see cref="WalkOptions.Spent"/>)
    /// the work moves to a fresh session, started while the old one still works (a start is a second of amrecover's
    /// own sleep), and the old one is closed, unless it is the first: that one belongs to the caller.</summary>
    private async Task WorkAsync(AmrecoverSession session, Listed listed, CancellationToken cancellationToken, CancellationToken stop)
    {
        var owned = !ReferenceEquals(session, first);
        Task<AmrecoverSession>? next = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stop))
            {
                if (!_queue.Reader.TryRead(out var directory)) continue;
                listed += await VisitAsync(session, directory, cancellationToken);
                var spent = options.Spent(listed.Directories, listed.Entries);
                if (spent >= 0.8) next ??= StartAtDiskAsync(stop);
                if (spent < 1 || !next!.IsCompleted) continue;
                var replacement = await next;
                next = null;
                if (owned) await CloseAsync(session);
                (session, owned, listed) = (replacement, true, default);
            }
        }
        finally
        {
            if (owned) await CloseAsync(session);
            if (next is not null) await DiscardAsync(next);
        }
    }

    /// <summary>A fresh session on exactly the dump the first one shows: amindexd learns the dumps when a session
    /// starts, so without a date to the second a session started later could show a dump finished meanwhile.</summary>
    private async Task<AmrecoverSession> StartAtDiskAsync(CancellationToken stop)
    {
        var session = await startSession(stop);
        Interlocked.Increment(ref _sessionsStarted);
        try
        {
            if (RootListing?.DumpDate is { } dump) await session.SetDateAsync(new DumpDate(dump.Value), stop);
            await session.SetDiskAsync(disk, stop, mountPoint: "/");
            var root = await session.ListAsync(stop);
            if (root.DumpDate?.Value != RootListing?.DumpDate?.Value)
                throw new AmrecoverException(
                    $"Another amrecover session for {disk} shows the dump of {root.DumpDate?.ToString() ?? "nothing"}, not {RootListing?.DumpDate?.ToString() ?? "nothing"}: the walk stops rather than mix two dumps.",
                    session.Transcript.Tail());
            return session;
        }
        catch
        {
            await CloseAsync(session);
            throw;
        }
    }

    private async Task CloseAsync(AmrecoverSession session)
    {
        Interlocked.Add(ref _extraCommands, session.Transcript.Count);
        await session.DisposeAsync();
    }

    // A replacement the walk ended before needing: closed whether or not its start succeeded.
    private async Task DiscardAsync(Task<AmrecoverSession> starting)
    {
        try
        {
            await CloseAsync(await starting);
        }
        catch (Exception notStarted) when (notStarted is AmrecoverException or AmandaReplyException or OperationCanceledException)
        {
        }
    }

    /// <summary>Enters and lists one queued directory, walking its awkward subdirectories at once.</summary>
    private async Task<Listed> VisitAsync(AmrecoverSession session, Directory directory, CancellationToken cancellationToken)
    {
        await session.ChangeDirectoryToAsync(directory.IndexPath, cancellationToken);
        var listing = await session.ListAsync(cancellationToken);
        return new Listed(1, listing.Entries.Count) + await ListedAsync(session, directory.Path, directory.IndexPath, listing, cancellationToken);
    }

    /// <summary>Hands out a listing's entries and queues its plain subdirectories; the others are walked here, from
    /// this directory, before the directory counts as done.</summary>
    /// <returns>What was listed below the awkward subdirectories.</returns>
    private async Task<Listed> ListedAsync(AmrecoverSession session, RawPath path, string indexPath, DirectoryListing listing,
        CancellationToken cancellationToken)
    {
        var listed = default(Listed);
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
    private async Task<Listed> DescendAsync(AmrecoverSession session, RawPath parent, ListingEntry entry, CancellationToken cancellationToken)
    {
        var path = parent.Append(entry.Name);
        try
        {
            await session.ChangeDirectoryAsync(entry, parent, cancellationToken);
        }
        catch (AmandaReplyException refused) when (refused.Kind == AmandaErrorKind.InvalidDirectory && GlobHostilePaths.CannotEnter(parent, entry))
        {
            lock (_lock) _unreachable.Add(new UnreachableDirectory(path, refused.Reply));
            return default;
        }
        var listing = await session.ListAsync(cancellationToken);
        var listed = new Listed(1, listing.Entries.Count);
        foreach (var child in listing.Entries)
        {
            await _found.Writer.WriteAsync(new WalkedEntry(path.Append(child.Name), child), cancellationToken);
            if (child.IsDirectory) listed += await DescendAsync(session, path, child, cancellationToken);
        }
        await session.ChangeToParentAsync(cancellationToken);
        return listed;
    }
}
